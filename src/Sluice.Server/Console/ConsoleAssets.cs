using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sluice.Server.Console;

/// <summary>
/// The console's page and its scripts and styles, embedded in this assembly (hand-written ES modules, no build step,
/// nothing from another site): <c>GET /console</c> is the page (and <c>GET /</c> when a browser asks for it, see
/// <see cref="IsPageRequest"/>), <c>GET /console/{file}</c> the rest. Every answer carries a
/// Content-Security-Policy that lets only this server's own scripts run (no inline script, no eval) and no site frame it.
/// </summary>
internal static class ConsoleAssets
{
    /// <summary>The policy every console answer carries.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    private const string Prefix = "Sluice.Server.Console.Assets.";

    private static readonly Dictionary<string, (byte[] Bytes, string Type)> Files = Load();

    /// <summary>Maps the page and the assets under <c>/console</c>; <c>GET /</c> is routed by the server (it is also S3's ListBuckets).</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/console", ServePageAsync);
        app.MapGet("/console/{file}", context => ServeAsync(context, (string)context.Request.RouteValues["file"]!));
    }

    /// <summary>
    /// Whether a <c>GET /</c> is a browser opening the console rather than S3's ListBuckets: it accepts HTML and carries
    /// no signature (no Authorization header, no query string, no <c>x-amz-*</c> header), which no S3 client sends.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns><see langword="true"/> when the page should be served.</returns>
    public static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Path == "/"
        && !request.QueryString.HasValue
        && !request.Headers.ContainsKey("Authorization")
        && !request.Headers.Keys.Any(k => k.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
        && request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>Serves the console's page.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the page is written.</returns>
    public static Task ServePageAsync(HttpContext context) => ServeAsync(context, "index.html");

    /// <summary>Adds the console's security headers to a response.</summary>
    public static void Protect(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private static async Task ServeAsync(HttpContext context, string file)
    {
        Protect(context.Response);
        if (!Files.TryGetValue(file, out var asset))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("Not found.", context.RequestAborted);
            return;
        }

        context.Response.ContentType = asset.Type;
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.WriteAsync(asset.Bytes, context.RequestAborted);
    }

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var file = name[Prefix.Length..];
            var type = Path.GetExtension(file) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            files[file] = (copy.ToArray(), type);
        }

        return files;
    }
}
