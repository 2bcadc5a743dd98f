using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sluice.Core.Execution;
using Sluice.Server.Api;
using Sluice.Server.Api.Validation;
using Sluice.Server.Console;

namespace Sluice.Server.Hosting;

/// <summary>
/// The HTTP host of <c>sluice serve</c>: AWS JSON 1.1 on <c>POST /</c> with <c>X-Amz-Target: SageMaker.&lt;Operation&gt;</c>,
/// SQS's JSON protocol on the same port (<c>X-Amz-Target: AmazonSQS.&lt;Operation&gt;</c>), <c>GET /health</c>, and the
/// web console on <c>GET /</c> with its API under <c>/console/api/</c>.
/// Requests are answered by <see cref="ApiEndpoint"/>.
/// </summary>
public static class SluiceServer
{
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
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.FormatterName = LogFormatter.FormatterName)
            .AddConsoleFormatter<LogFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        var app = builder.Build();
        _ = RequestValidator.Default; // load the model now: a broken resource fails the start, not the first request
        var operations = new Dictionary<string, Func<ApiRequest, CancellationToken, Task<string>>>(StringComparer.Ordinal);
        foreach (var api in new[] { new PipelineApi(engine).Operations, new JobApi(engine.Store).Operations, new RegistryApi(engine.Store, engine.Time).Operations })
        {
            foreach (var (name, handler) in api)
            {
                operations.Add(name, handler);
            }
        }

        var endpoint = new ApiEndpoint(
            operations,
            new QueueApi(engine.Store, engine.Time).Operations,
            new ClientRequestTokens(engine.Store, engine.Time),
            new SignatureVerifier(options.Credentials, engine.Time),
            options,
            app.Logger);
        app.MapGet("/health", () => Results.Text("ok"));
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
        app.MapPost("/{**path}", endpoint.HandleAsync);
        return app;
    }
}
