using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sluice.Server.Api;
using Sluice.Server.Api.Validation;

namespace Sluice.Server.Hosting;

/// <summary>
/// Answers <c>POST /</c>: dispatches on <c>X-Amz-Target</c>, checks the body against the operation's input shape in
/// botocore's model (<see cref="RequestValidator"/>), applies ClientRequestToken idempotency, and turns every
/// failure into the protocol's error shape. Client mistakes get SageMaker's error codes (HTTP 400, <c>__type</c> and
/// <c>x-amzn-ErrorType</c>; SQS's qualified types and <c>x-amzn-query-error</c>); an internal fault gets InternalFailure
/// (HTTP 500) without a stack trace, and is logged.
/// </summary>
/// <param name="operations">The SageMaker operations by name.</param>
/// <param name="queues">The SQS operations by name; each also takes the server's base URL (queue URLs are built on it).</param>
/// <param name="tokens">ClientRequestToken idempotency.</param>
/// <param name="signatures">Checks signatures when credentials are configured.</param>
/// <param name="options">The server's options.</param>
/// <param name="log">Where requests and faults are logged.</param>
internal sealed partial class ApiEndpoint(
    IReadOnlyDictionary<string, Func<ApiRequest, CancellationToken, Task<string>>> operations,
    IReadOnlyDictionary<string, Func<ApiRequest, string, CancellationToken, Task<string>>> queues,
    ClientRequestTokens tokens,
    SignatureVerifier signatures,
    SluiceServerOptions options,
    ILogger log)
{
    private const string JsonContentType = "application/x-amz-json-1.1";
    private const string SqsContentType = "application/x-amz-json-1.0";

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Answers one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var sqs = target.StartsWith("AmazonSQS.", StringComparison.Ordinal);
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var started = Stopwatch.GetTimestamp();
        int status;
        try
        {
            var handler = Find(context, target, operation, sqs) ?? throw new ApiException("UnknownOperationException", $"Unknown operation {target}.");
            var bytes = await ReadBodyAsync(context);
            if (signatures.Enabled)
            {
                signatures.Verify(context.Request, bytes, sqs);
            }

            var body = Parse(bytes);
            RequestValidator.Default.Validate(target, body.Root); // the model's constraints; handlers check the rest
            var request = new ApiRequest(body.Root);
            var response = sqs
                ? await handler(request, context.RequestAborted)
                : await tokens.AnswerAsync(operation, request, body.Text, () => handler(request, context.RequestAborted), context.RequestAborted);
            status = 200;
            context.Response.ContentType = sqs ? SqsContentType : JsonContentType;
            await context.Response.WriteAsync(response, Encoding.UTF8, context.RequestAborted);
        }
        catch (ApiException e)
        {
            status = e.Status;
            if (sqs && Sqs.SqsErrorCodes.QueryError(e.Code) is { } queryError)
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
        if (options.LogRequests)
        {
            LogRequest(log, operation, status, milliseconds);
        }
    }

    private Func<ApiRequest, CancellationToken, Task<string>>? Find(HttpContext context, string target, string operation, bool sqs)
    {
        if (sqs)
        {
            if (!queues.TryGetValue(operation, out var queueHandler))
            {
                return null;
            }

            var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
            return (request, cancellationToken) => queueHandler(request, baseUrl, cancellationToken);
        }

        return target.StartsWith("SageMaker.", StringComparison.Ordinal) && operations.TryGetValue(operation, out var handler) ? handler : null;
    }

    /// <summary>
    /// Reads the body, refusing one over the size limit with HTTP 413 and a message that says the limit, and one whose
    /// framing is broken (400, or Kestrel's status).
    /// </summary>
    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength is { } length && length > options.MaxBodyBytes)
        {
            throw TooLarge(length.ToString(CultureInfo.InvariantCulture) + " bytes");
        }

        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            return buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge("more than " + options.MaxBodyBytes.ToString(CultureInfo.InvariantCulture) + " bytes");
        }
        catch (IOException e)
        {
            // Kestrel's framing errors (a chunk size that is not hex, or too large: a plain IOException), a body that
            // stops coming (408), a client that went away: the client's doing, said in its words. Kestrel closes the
            // connection after the answer.
            var status = e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            throw new ApiException("SerializationException", "The request body could not be read: " + e.Message, status);
        }
    }

    /// <summary>The body as JSON, with its text (ClientRequestToken answers are matched on it).</summary>
    private static (JsonElement Root, string Text) Parse(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return (EmptyObject, "{}"); // botocore sends no body for operations without members
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return (document.RootElement.Clone(), Encoding.UTF8.GetString(bytes.Span));
        }
        catch (JsonException e)
        {
            throw new ApiException("SerializationException", $"The request body is not valid JSON: {e.Message}");
        }
    }

    private ApiException TooLarge(string size) => new(
        "ValidationException",
        string.Create(CultureInfo.InvariantCulture, $"The request body is {size}; this server accepts at most {options.MaxBodyBytes} bytes (sluice serve --max-body-size)."),
        StatusCodes.Status413PayloadTooLarge);

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
