using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sluice.Core.Execution;
using Sluice.Server.Api;

namespace Sluice.Server.Hosting;

/// <summary>
/// The HTTP host of <c>sluice serve</c>: AWS JSON 1.1 on <c>POST /</c> with <c>X-Amz-Target: SageMaker.&lt;Operation&gt;</c>,
/// and <c>GET /health</c>. Any signature, or none, is accepted. Client mistakes get SageMaker's error codes (HTTP 400,
/// <c>__type</c> and <c>x-amzn-ErrorType</c>); an internal fault gets InternalFailure without a stack trace.
/// </summary>
public static partial class SluiceServer
{
    private const string JsonContentType = "application/x-amz-json-1.1";
    private const long MaxBodyBytes = 8 * 1024 * 1024;

    private static readonly Dictionary<string, string> SqsQueryErrors = new(StringComparer.Ordinal)
    {
        ["QueueDoesNotExist"] = "AWS.SimpleQueueService.NonExistentQueue;Sender",
        ["ReceiptHandleIsInvalid"] = "ReceiptHandleIsInvalid;Sender",
    };

    /// <summary>Builds the web application over an engine.</summary>
    /// <param name="engine">The engine the API drives.</param>
    /// <param name="urls">Where to listen, e.g. <c>http://127.0.0.1:8080</c>.</param>
    /// <returns>The application, not yet started.</returns>
    public static WebApplication Build(PipelineEngine engine, string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        var app = builder.Build();
        var pipelines = new PipelineApi(engine).Operations;
        var queues = new QueueApi(engine.Store, TimeProvider.System).Operations;
        var log = app.Logger;
        var idempotency = new IdempotencyCache();
        app.MapGet("/health", () => Results.Text("ok"));
        app.MapPost("/{**path}", async context => await HandleAsync(context, pipelines, queues, idempotency, log));
        return app;
    }

    private static async Task HandleAsync(
        HttpContext context,
        IReadOnlyDictionary<string, Func<ApiRequest, CancellationToken, Task<string>>> pipelines,
        IReadOnlyDictionary<string, Func<ApiRequest, string, CancellationToken, Task<string>>> queues,
        IdempotencyCache idempotency,
        ILogger log)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var sqs = target.StartsWith("AmazonSQS.", StringComparison.Ordinal);
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var contentType = sqs ? "application/x-amz-json-1.0" : JsonContentType;
        var started = Stopwatch.GetTimestamp();
        int status;
        try
        {
            Func<ApiRequest, CancellationToken, Task<string>>? handler = null;
            if (sqs && queues.TryGetValue(operation, out var queueHandler))
            {
                var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
                handler = (request, cancellationToken) => queueHandler(request, baseUrl, cancellationToken);
            }
            else if (target.StartsWith("SageMaker.", StringComparison.Ordinal))
            {
                pipelines.TryGetValue(operation, out handler);
            }

            if (handler is null)
            {
                throw new ApiException("UnknownOperationException", $"Unknown operation {target}.");
            }

            JsonElement body;
            try
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                body = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new ApiException("SerializationException", $"The request body is not valid JSON: {e.Message}");
            }

            var request = new ApiRequest(body);
            var text = body.GetRawText();
            var response = sqs ? null : idempotency.Find(operation, request, text);
            if (response is null)
            {
                response = await handler(request, context.RequestAborted);
                if (!sqs)
                {
                    idempotency.Remember(operation, request, text, response);
                }
            }

            status = 200;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(response, Encoding.UTF8, context.RequestAborted);
        }
        catch (ApiException e)
        {
            status = e.Status;
            if (sqs && SqsQueryErrors.TryGetValue(e.Code, out var queryError))
            {
                context.Response.Headers["x-amzn-query-error"] = queryError; // what query-compatible SQS clients map errors by
            }

            await WriteErrorAsync(context, sqs ? SqsErrorType(e.Code) : e.Code, e.Message, e.Status);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            status = 500;
            LogFault(log, e, operation);
            await WriteErrorAsync(context, "InternalFailure", "The request processing has failed because of an unknown error.", 500);
        }

        var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogRequest(log, operation, status, milliseconds);
    }

    /// <summary>SQS's JSON protocol qualifies error types, e.g. <c>com.amazonaws.sqs#QueueDoesNotExist</c>; clients strip the prefix.</summary>
    private static string SqsErrorType(string code) => "com.amazonaws.sqs#" + code;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} {Status} {Milliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string operation, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Operation} failed")]
    private static partial void LogFault(ILogger logger, Exception exception, string operation);

    private static async Task WriteErrorAsync(HttpContext context, string code, string message, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        context.Response.Headers["x-amzn-ErrorType"] = code;
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", code);
            writer.WriteString("Message", message);
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(stream.ToArray(), context.RequestAborted);
    }
}
