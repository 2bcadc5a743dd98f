using System.Diagnostics;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sluice.Client.Signing;
using Sluice.Server.Api;
using Sluice.Server.Hosting;

namespace Sluice.Server.Query;

/// <summary>
/// AWS's query protocol on <c>POST /</c> (a form-encoded body with <c>Action=...</c>, XML answers and errors): STS
/// GetCallerIdentity, answering with the configured account, so clients that look up their account (the SageMaker SDK,
/// <c>aws sts get-caller-identity</c>) get it from Sluice. Signatures are checked as for the JSON APIs when credentials
/// are configured.
/// </summary>
/// <param name="signatures">Checks signatures when credentials are configured.</param>
/// <param name="account">The account to answer with.</param>
/// <param name="options">The server's options.</param>
/// <param name="log">Where requests are logged.</param>
internal sealed partial class QueryEndpoint(SignatureVerifier signatures, string account, SluiceServerOptions options, ILogger log)
{
    private static readonly XNamespace Sts = "https://sts.amazonaws.com/doc/2011-06-15/";

    /// <summary>Whether a request is one of this protocol: a form-encoded <c>POST /</c> without <c>X-Amz-Target</c>.</summary>
    public static bool Accepts(HttpRequest request) =>
        !request.Headers.ContainsKey("X-Amz-Target")
        && request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>Answers one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var started = Stopwatch.GetTimestamp();
        var action = "Query";
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = buffer.ToArray();
            if (signatures.Enabled)
            {
                signatures.Verify(context.Request, body, sqs: false);
            }

            var form = S3.S3Query.Parse(Encoding.UTF8.GetString(body).Replace('+', ' '));
            action = form.GetValueOrDefault("Action") ?? string.Empty;
            var answer = action switch
            {
                "GetCallerIdentity" => CallerIdentity(context.Request, requestId),
                _ => throw new ApiException("InvalidAction", $"Could not find operation {(action.Length > 100 ? action[..100] : action)} for version {form.GetValueOrDefault("Version")}; this endpoint serves STS GetCallerIdentity."),
            };
            await WriteAsync(context, answer, StatusCodes.Status200OK);
        }
        catch (ApiException e)
        {
            await WriteAsync(context, new XElement(
                Sts + "ErrorResponse",
                new XElement(Sts + "Error", new XElement(Sts + "Type", e.Status >= 500 ? "Receiver" : "Sender"), new XElement(Sts + "Code", e.Code), new XElement(Sts + "Message", e.Message)),
                new XElement(Sts + "RequestId", requestId)), e.Status);
        }

        var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (options.LogRequests)
        {
            LogRequest(log, action, context.Response.StatusCode, milliseconds);
        }
    }

    private XElement CallerIdentity(HttpRequest request, string requestId)
    {
        var user = SigV4Authorization.TryParse(request.Headers.Authorization.ToString(), out var authorization) ? authorization.AccessKeyId : "AIDASLUICELOCALUSER";
        return new XElement(
            Sts + "GetCallerIdentityResponse",
            new XElement(
                Sts + "GetCallerIdentityResult",
                new XElement(Sts + "Arn", $"arn:aws:iam::{account}:user/sluice"),
                new XElement(Sts + "UserId", user),
                new XElement(Sts + "Account", account)),
            new XElement(Sts + "ResponseMetadata", new XElement(Sts + "RequestId", requestId)));
    }

    private static async Task WriteAsync(HttpContext context, XElement root, int status)
    {
        var bytes = S3.S3Xml.Bytes(root);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} {Status} {Milliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string operation, int status, double milliseconds);
}
