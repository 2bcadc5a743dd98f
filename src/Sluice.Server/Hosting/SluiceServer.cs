using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Server.Api;
using Sluice.Server.Api.Validation;
using Sluice.Server.Console;
using Sluice.Server.Query;
using Sluice.Server.S3;

namespace Sluice.Server.Hosting;

/// <summary>
/// The HTTP host of <c>sluice serve</c>: AWS JSON 1.1 on <c>POST /</c> with <c>X-Amz-Target: SageMaker.&lt;Operation&gt;</c>,
/// SQS's JSON protocol on the same port (<c>X-Amz-Target: AmazonSQS.&lt;Operation&gt;</c>), the web console on
/// <c>GET /console</c> (and <c>GET /</c> from a browser) with its API under <c>/console/api/</c>, S3's REST API on every
/// other path and method (<see cref="S3Endpoint"/>), and <c>GET /health</c>.
/// </summary>
public static class SluiceServer
{
    /// <summary>
    /// The host's own settings: its content root is the folder Sluice is installed in, not the current directory, and
    /// it never watches its configuration files. ASP.NET Core's defaults read <c>appsettings.json</c> from the current
    /// directory and watch that whole directory tree for changes (recursive inotify watches on Linux). A server
    /// started in a home directory, or above its own <c>--data</c> folder as the bench does, then took an event for
    /// every write to its own database and log, and a stray <c>appsettings.json</c> could change how it listens. Sluice
    /// is configured by <c>sluice.yaml</c> and its command line alone.
    /// </summary>
    private static WebApplicationOptions HostOptions => new()
    {
        ContentRootPath = AppContext.BaseDirectory,
        Args = ["--hostBuilder:reloadConfigOnChange=false"],
    };

    /// <summary>Builds the web application over an engine.</summary>
    /// <param name="engine">The engine the API drives.</param>
    /// <param name="urls">Where to listen, e.g. <c>http://127.0.0.1:8080</c>.</param>
    /// <returns>The application, not yet started.</returns>
    public static WebApplication Build(PipelineEngine engine, string urls) => Build(engine, new SluiceServerOptions { Urls = urls });

    /// <summary>Builds the web application over an engine.</summary>
    /// <param name="engine">The engine the API drives.</param>
    /// <param name="options">Where to listen and what to accept.</param>
    /// <returns>The application, not yet started.</returns>
    public static WebApplication Build(PipelineEngine engine, SluiceServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(HostOptions);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        builder.Logging.ClearProviders();
        // Standard output, written in batches off the request path; the host disposes the provider, which writes what is queued.
        builder.Services.AddSingleton<ILoggerProvider>(_ => new LineLoggerProvider(System.Console.OpenStandardOutput()));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        var app = builder.Build();
        _ = RequestValidator.Default; // load the model now: a broken resource fails the start, not the first request
        var operations = new Dictionary<string, Func<ApiRequest, CancellationToken, Task<string>>>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, Func<ApiRequest, CancellationToken, Task<string>>>[] apis =
        [
            new PipelineApi(engine).Operations,
            new JobApi(engine.Store).Operations,
            new RegistryApi(engine.Store, engine.Time).Operations,
            .. engine.Store is ITagStore tagStore ? [new TagApi(tagStore, engine.Queries).Operations] : Array.Empty<IReadOnlyDictionary<string, Func<ApiRequest, CancellationToken, Task<string>>>>(),
        ];
        foreach (var api in apis)
        {
            foreach (var (name, handler) in api)
            {
                operations.Add(name, handler);
            }
        }

        var queues = new QueueApi(engine.Store, engine.Time, engine.Options.Region, engine.Options.Account).Operations;
        var endpoint = new ApiEndpoint(
            operations,
            queues,
            new ClientRequestTokens(engine.Store, engine.Time),
            new SignatureVerifier(options.Credentials, engine.Time),
            options,
            app.Logger);
        ConsoleAssets.Map(app);
        new ConsoleApi(engine, new ConsoleSecurity(options, engine.Time), app.Logger, app.Lifetime.ApplicationStopping).Map(app);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/console", StringComparison.Ordinal))
            {
                ConsoleAssets.Protect(context.Response);
            }

            await next(context);
        });
        var s3 = new S3Endpoint(engine.Objects, new S3Authenticator(options.Credentials, engine.Time), options, engine.Options.Region, engine.Options.Account, app.Logger);
        var query = new QueryEndpoint(queues, new SignatureVerifier(options.Credentials, engine.Time), engine.Options.Account, options, app.Logger);
        app.Map("/{**path}", context => Route(context, endpoint, query, s3));
        return app;
    }

    /// <summary>
    /// Tells the protocols apart: <c>POST /</c> is the JSON APIs (SageMaker, SQS) or, form-encoded without
    /// <c>X-Amz-Target</c>, the query protocol (STS, SQS), as is a form posted to a queue URL; <c>GET /health</c> without a query
    /// or signature is the health check; <c>GET /</c> from a browser is the console (<see cref="ConsoleAssets.IsPageRequest"/>);
    /// everything else is S3 (whose requests name a bucket in the path or the Host,
    /// or list the buckets with <c>GET /</c>).
    /// </summary>
    private static Task Route(HttpContext context, ApiEndpoint json, QueryEndpoint query, S3Endpoint s3)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path == "/" && !request.Host.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return QueryEndpoint.Accepts(request) ? query.HandleAsync(context) : json.HandleAsync(context);
        }

        if (HttpMethods.IsPost(request.Method) && !request.QueryString.HasValue && QueryEndpoint.IsQueuePath(request.Path) && QueryEndpoint.Accepts(request))
        {
            return query.HandleAsync(context); // SQS's query protocol posted to a queue URL
        }

        if (HttpMethods.IsGet(request.Method) && request.Path == "/health" && !request.QueryString.HasValue && !request.Headers.ContainsKey("Authorization"))
        {
            return context.Response.WriteAsync("ok", context.RequestAborted);
        }

        if (ConsoleAssets.IsPageRequest(request))
        {
            return ConsoleAssets.ServePageAsync(context);
        }

        return s3.HandleAsync(context);
    }
}
