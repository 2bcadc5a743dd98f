using System.Diagnostics;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sluice.Client.Signing;
using Sluice.Server.Api;
using Sluice.Server.Api.Validation;
using Sluice.Server.Hosting;
using Sluice.Server.Sqs;

namespace Sluice.Server.Query;

/// <summary>
/// AWS's query protocol on <c>POST /</c> (a form-encoded body with <c>Action=...</c>, XML answers and errors): STS
/// GetCallerIdentity, answering with the configured account, so clients that look up their account (the SageMaker SDK,
/// <c>aws sts get-caller-identity</c>) get it from Sluice; and every SQS operation <see cref="QueueApi"/> serves,
/// translated by <see cref="SqsQuery"/> (also when posted to a queue's URL, <c>/&lt;account&gt;/&lt;queue&gt;</c>, as
/// older SDKs do). Signatures are checked as for the JSON APIs when credentials are configured.
/// </summary>
/// <param name="queues">The SQS operations by name, as <see cref="QueueApi.Operations"/>.</param>
/// <param name="signatures">Checks signatures when credentials are configured.</param>
/// <param name="account">The account to answer with.</param>
/// <param name="options">The server's options.</param>
/// <param name="log">Where requests are logged.</param>
internal sealed partial class QueryEndpoint(
    IReadOnlyDictionary<string, Func<ApiRequest, string, CancellationToken, Task<string>>> queues,
    SignatureVerifier signatures,
    string account,
    SluiceServerOptions options,
    ILogger log)
{
    private static readonly XNamespace Sts = "https://sts.amazonaws.com/doc/2011-06-15/";

    /// <summary>Whether a request is one of this protocol: a form-encoded <c>POST /</c> without <c>X-Amz-Target</c>.</summary>
    public static bool Accepts(HttpRequest request) =>
        !request.Headers.ContainsKey("X-Amz-Target")
        && request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a path is a queue URL's (<c>/&lt;12-digit account&gt;/&lt;queue name&gt;</c>), where older SQS clients post.</summary>
    public static bool IsQueuePath(PathString path) =>
        path.Value is { } value && value.Split('/') is ["", { Length: 12 } owner, { Length: > 0 and <= 80 } name]
        && owner.All(char.IsAsciiDigit) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Answers one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var started = Stopwatch.GetTimestamp();
        var action = "Query";
        var sqs = IsQueuePath(context.Request.Path);
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = buffer.ToArray();
            var form = S3.S3Query.Parse(Encoding.UTF8.GetString(body).Replace('+', ' '));
            action = form.GetValueOrDefault("Action") ?? string.Empty;
            sqs |= queues.ContainsKey(action) || form.ContainsKey("QueueUrl") || form.ContainsKey("QueueName");
            if (signatures.Enabled)
            {
                signatures.Verify(context.Request, body, sqs);
            }

            if (sqs && queues.TryGetValue(action, out var operation))
            {
                var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
                var pathQueueUrl = IsQueuePath(context.Request.Path) ? baseUrl + context.Request.Path.Value : null;
                var json = SqsQuery.ToJson(form, pathQueueUrl);
                RequestValidator.Default.Validate("AmazonSQS." + action, json);
                var answer = await operation(new ApiRequest(json), baseUrl, context.RequestAborted);
                await WriteAsync(context, SqsQuery.ToXml(action, answer, requestId), StatusCodes.Status200OK);
            }
            else
            {
                var answer = action switch
                {
                    "GetCallerIdentity" when !sqs => CallerIdentity(context.Request, requestId),
                    _ => throw new ApiException("InvalidAction", $"Could not find operation {(action.Length > 100 ? action[..100] : action)} for version {form.GetValueOrDefault("Version")}; this endpoint serves STS GetCallerIdentity and SQS."),
                };
                await WriteAsync(context, answer, StatusCodes.Status200OK);
            }
        }
        catch (ApiException e)
        {
            await WriteAsync(
                context,
                sqs
                    ? SqsQuery.Error(e, requestId)
                    : new XElement(
                        Sts + "ErrorResponse",
                        new XElement(Sts + "Error", new XElement(Sts + "Type", e.Status >= 500 ? "Receiver" : "Sender"), new XElement(Sts + "Code", e.Code), new XElement(Sts + "Message", e.Message)),
                        new XElement(Sts + "RequestId", requestId)),
                e.Status);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFault(log, e, action);
            var fault = new ApiException("InternalFailure", "The request processing has failed because of an unknown error.", StatusCodes.Status500InternalServerError);
            await WriteAsync(context, sqs ? SqsQuery.Error(fault, requestId) : new XElement(Sts + "ErrorResponse", new XElement(Sts + "Error", new XElement(Sts + "Type", "Receiver"), new XElement(Sts + "Code", fault.Code), new XElement(Sts + "Message", fault.Message)), new XElement(Sts + "RequestId", requestId)), fault.Status);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{Operation} failed")]
    private static partial void LogFault(ILogger logger, Exception exception, string operation);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} {Status} {Milliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string operation, int status, double milliseconds);
}
