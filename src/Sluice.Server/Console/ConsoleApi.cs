using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Sluice.Core.Execution;

namespace Sluice.Server.Console;

/// <summary>
/// The web console's JSON API under <c>/console/api/</c>: reads through the engine's queries, changes only through
/// the engine's methods (and the model registry's rules for approvals), live updates from the engine's change stream
/// as server-sent events. Every request needs a console session (<see cref="ConsoleSecurity"/>); every POST also its
/// anti-forgery token.
/// </summary>
internal sealed partial class ConsoleApi
{
    private const int MaxBodyBytes = 1024 * 1024;

    private readonly PipelineEngine _engine;
    private readonly ConsoleSecurity _security;
    private readonly GraphLayoutCache _layouts;
    private readonly ILogger _log;
    private readonly CancellationToken _stopping;

    /// <summary>Creates the API over an engine.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="security">Who may use the console.</param>
    /// <param name="log">Where faults are logged.</param>
    /// <param name="stopping">Cancelled when the server stops: open streams end then, so a stop never waits for a page to close.</param>
    public ConsoleApi(PipelineEngine engine, ConsoleSecurity security, ILogger log, CancellationToken stopping)
    {
        _engine = engine;
        _security = security;
        _layouts = new GraphLayoutCache(engine);
        _log = log;
        _stopping = stopping;
    }

    /// <summary>Maps the API's routes.</summary>
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/console/api/session", SessionAsync);
        app.MapPost("/console/api/login", LoginAsync);
        app.MapPost("/console/api/logout", Write(LogoutAsync));
        app.MapGet("/console/api/pipelines", Read(PipelinesAsync));
        app.MapGet("/console/api/pipeline", Read(PipelineAsync));
        app.MapGet("/console/api/executions", Read(ExecutionsAsync));
        app.MapGet("/console/api/graph", GraphAsync);
        app.MapPost("/console/api/start", Write(StartAsync));
        app.MapGet("/console/api/execution", Read(ExecutionAsync));
        app.MapPost("/console/api/stop", Write(StopAsync));
        app.MapPost("/console/api/retry", Write(RetryAsync));
        app.MapGet("/console/api/step", Read(StepAsync));
        app.MapPost("/console/api/callback", Write(CallbackAsync));
        app.MapGet("/console/api/models", Read(ModelsAsync));
        app.MapPost("/console/api/approve", Write(ApproveAsync));
        app.MapGet("/console/api/events", Stream(EventsAsync));
        app.MapGet("/console/api/log", Stream(LogAsync));
    }

    private async Task SessionAsync(HttpContext context)
    {
        var session = _security.Find(context);
        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["loginRequired"] = _security.LoginRequired,
            ["signedIn"] = session is not null,
            ["csrf"] = session?.Csrf,
        });
    }

    private async Task LoginAsync(HttpContext context)
    {
        try
        {
            var origin = context.Request.Headers.Origin.ToString();
            if (origin.Length > 0 && !string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase))
            {
                throw new ConsoleProblem(403, "Forbidden", "The request comes from another site (Origin " + origin + ").");
            }

            var body = await ReadBodyAsync(context);
            var session = _security.SignIn(context, Text(body, "accessKeyId"), Text(body, "secret"), Text(body, "token"))
                ?? throw new ConsoleProblem(401, "UnrecognizedClientException", _security.LoginRequired
                    ? "The access key id and secret, or the console token, are not right."
                    : "This console needs no sign-in.");
            await WriteJsonAsync(context, 200, new JsonObject { ["csrf"] = session.Csrf });
        }
        catch (ConsoleProblem problem)
        {
            await WriteProblemAsync(context, problem);
        }
    }

    private Task<JsonNode> LogoutAsync(HttpContext context, JsonElement body)
    {
        _security.SignOut(context);
        return Task.FromResult<JsonNode>(new JsonObject());
    }

    /// <summary>A read: a session, then the handler, its failures said as JSON.</summary>
    private RequestDelegate Read(Func<HttpContext, Task<JsonNode>> handler) => async context =>
    {
        try
        {
            _ = _security.Find(context) ?? throw Unauthorized();
            context.Response.Headers.CacheControl = "no-store";
            await WriteJsonAsync(context, 200, await handler(context));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await WriteProblemAsync(context, Problem(e));
        }
    };

    /// <summary>A change: a session, a same-site request with the session's anti-forgery token, a JSON body.</summary>
    private RequestDelegate Write(Func<HttpContext, JsonElement, Task<JsonNode>> handler) => async context =>
    {
        try
        {
            var session = _security.Find(context) ?? throw Unauthorized();
            if (ConsoleSecurity.RefuseWrite(context, session) is { } refusal)
            {
                throw new ConsoleProblem(403, "Forbidden", refusal);
            }

            await WriteJsonAsync(context, 200, await handler(context, await ReadBodyAsync(context)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await WriteProblemAsync(context, Problem(e));
        }
    };

    /// <summary>Server-sent events: a session, then the stream until the client goes away.</summary>
    private RequestDelegate Stream(Func<HttpContext, Func<string, JsonNode, Task>, Task> handler) => async context =>
    {
        try
        {
            _ = _security.Find(context) ?? throw Unauthorized();
            await using var stop = _stopping.Register(context.Abort);
            var response = context.Response;
            var started = false;
            await handler(context, async (name, data) =>
            {
                if (!started)
                {
                    started = true;
                    response.ContentType = "text/event-stream";
                    response.Headers.CacheControl = "no-store";
                    response.Headers["X-Accel-Buffering"] = "no";
                }

                // JSON text has no line breaks, so one data line carries it whatever the log or step name holds.
                await response.WriteAsync($"event: {name}\ndata: {data.ToJsonString()}\n\n", Encoding.UTF8, context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
            });
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the page went away
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            await WriteProblemAsync(context, Problem(e));
        }
    };

    private static ConsoleProblem Unauthorized() => new(401, "Unauthorized", "Sign in to the console first.");

    private ConsoleProblem Problem(Exception e) => e switch
    {
        ConsoleProblem problem => problem,
        ResourceNotFoundException => new ConsoleProblem(404, "ResourceNotFound", e.Message),
        ConflictException => new ConsoleProblem(409, "ConflictException", e.Message),
        ParameterBindingException or ArgumentException => ConsoleProblem.Invalid(e.Message),
        _ => LogAndHide(e),
    };

    private ConsoleProblem LogAndHide(Exception e)
    {
        LogFault(_log, e);
        return new ConsoleProblem(500, "InternalFailure", "The request processing has failed because of an unknown error.");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "console request failed")]
    private static partial void LogFault(ILogger logger, Exception exception);

    private static async Task<JsonElement> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new ConsoleProblem(413, "ValidationException", $"The request body is over {MaxBodyBytes} bytes.");
        }

        if (!(context.Request.ContentType ?? string.Empty).StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConsoleProblem(415, "ValidationException", "The request body must be JSON (Content-Type: application/json).");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new ConsoleProblem(413, "ValidationException", $"The request body is over {MaxBodyBytes} bytes.");
            }
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw ConsoleProblem.Invalid("The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw ConsoleProblem.Invalid("The request body is not valid JSON: " + e.Message);
        }
    }

    /// <summary>A string member of a body, or null when absent; a clear error when it is not a string.</summary>
    private static string? Text(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw ConsoleProblem.Invalid($"'{name}' must be a string.");

    private static string Required(JsonElement body, string name) =>
        Text(body, name) is { Length: > 0 } text ? text : throw ConsoleProblem.Invalid($"'{name}' is required.");

    private static string Query(HttpContext context, string name) =>
        context.Request.Query[name].ToString() is { Length: > 0 } text ? text : throw ConsoleProblem.Invalid($"The query parameter '{name}' is required.");

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        await context.Response.WriteAsync(json.ToJsonString(), Encoding.UTF8, context.RequestAborted);
    }

    private static Task WriteProblemAsync(HttpContext context, ConsoleProblem problem) =>
        context.Response.HasStarted ? Task.CompletedTask : WriteJsonAsync(context, problem.Status, new JsonObject { ["code"] = problem.Code, ["message"] = problem.Message });
}
