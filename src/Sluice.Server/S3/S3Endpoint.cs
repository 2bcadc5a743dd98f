using System.Diagnostics;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sluice.Core.Artifacts;
using Sluice.Server.Hosting;

namespace Sluice.Server.S3;

/// <summary>
/// The S3 REST API of <c>sluice serve</c> over the engine's object store: buckets, objects (streamed, ranged,
/// conditional), listings (v1 and v2), deletes, copies and multipart uploads, with S3's XML answers and errors, and
/// SigV4 with S3's rules when credentials are configured. Requests are told apart from the SageMaker and SQS JSON
/// APIs by <see cref="SluiceServer"/>: anything that is not a <c>POST /</c> of those protocols is S3.
/// </summary>
/// <param name="store">The object store.</param>
/// <param name="authenticator">Checks signatures when credentials are configured.</param>
/// <param name="options">The server's options.</param>
/// <param name="region">The region buckets are in (HeadBucket, GetBucketLocation).</param>
/// <param name="account">The account that owns every bucket.</param>
/// <param name="log">Where requests and faults are logged.</param>
internal sealed partial class S3Endpoint(IObjectStore store, S3Authenticator authenticator, SluiceServerOptions options, string region, string account, ILogger log)
{
    private const string XmlContentType = "application/xml";

    /// <summary>Answers one S3 request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString("N").ToUpperInvariant()[..16];
        context.Response.Headers["x-amz-request-id"] = requestId;
        context.Response.Headers["x-amz-id-2"] = requestId;
        var started = Stopwatch.GetTimestamp();
        var operation = "S3";
        S3Target? target = null;
        try
        {
            target = S3Target.Of(context);
            var signing = authenticator.Enabled ? authenticator.Verify(context.Request, target.RawPath, target.RawQuery) : null;
            var (name, handler) = Route(context.Request, target);
            operation = name;
            await handler(new S3Call(context, target, signing));
        }
        catch (Exception e) when (Answer(e) is { } error)
        {
            await WriteErrorAsync(context, error, target, requestId);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the client went away; nothing to answer
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFault(log, e, operation);
            await WriteErrorAsync(context, new S3Exception("InternalError", "We encountered an internal error. Please try again.", StatusCodes.Status500InternalServerError), target, requestId);
        }

        var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (options.LogRequests)
        {
            LogRequest(log, operation, context.Response.StatusCode, milliseconds);
        }
    }

    /// <summary>The S3 error a failure is answered with, or <see langword="null"/> for a fault of the server.</summary>
    private static S3Exception? Answer(Exception e) => e switch
    {
        S3Exception s3 => s3,
        ObjectStoreException refused => S3Exception.Of(refused),
        BadHttpRequestException bad => new S3Exception("IncompleteBody", "The request body could not be read: " + bad.Message, bad.StatusCode),
        IOException io when io.InnerException is null or IOException => new S3Exception("IncompleteBody", "The request body could not be read: " + io.Message),
        _ => null,
    };

    private static async Task WriteErrorAsync(HttpContext context, S3Exception error, S3Target? target, string requestId)
    {
        if (context.Response.HasStarted)
        {
            context.Abort(); // an answer already streaming cannot turn into an error
            return;
        }

        context.Response.StatusCode = error.Status;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return; // HEAD answers carry no body: clients read the status
        }

        var body = new XElement(
            "Error",
            new XElement("Code", error.Code),
            new XElement("Message", S3Xml.Lenient(error.Message)),
            target?.Bucket is { } bucket ? new XElement("BucketName", S3Xml.Lenient(bucket)) : null,
            target?.Key is { } key ? new XElement("Key", S3Xml.Lenient(key)) : null,
            target is null ? null : new XElement("Resource", S3Xml.Lenient(target.RawPath)),
            new XElement("RequestId", requestId));
        await WriteXmlAsync(context, body);
    }

    private static Task WriteXmlAsync(HttpContext context, XElement root) => WriteBytesAsync(context, S3Xml.Bytes(root));

    private static async Task WriteBytesAsync(HttpContext context, byte[] bytes)
    {
        context.Response.ContentType = XmlContentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} {Status} {Milliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string operation, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Operation} failed")]
    private static partial void LogFault(ILogger logger, Exception exception, string operation);

    /// <summary>One request being answered.</summary>
    private sealed record S3Call(HttpContext Context, S3Target Target, ChunkSigning? Signing)
    {
        public HttpRequest Request => Context.Request;

        public HttpResponse Response => Context.Response;

        public CancellationToken Cancel => Context.RequestAborted;

        public string Bucket => Target.Bucket!;

        public string Key => Target.Key!;
    }
}
