using System.Buffers;
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

    /// <summary>The largest answer buffer a thread keeps for the next answer.</summary>
    private const int MaxKeptAnswerBuffer = 1024 * 1024;

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_answerBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_answerWriter;

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
            RequestValidator.Default.Validate(target, body); // the model's constraints; handlers check the rest
            var request = new ApiRequest(body);
            if (!sqs && !HasClientRequestToken(body) && handler.Target is Operation.IWrittenOperation written)
            {
                // Nothing to keep for idempotency: the answer goes out as UTF-8 without a string of it.
                var answer = await written.ActAsync(request, context.RequestAborted);
                status = 200;
                context.Response.ContentType = JsonContentType;
                WriteAnswer(context.Response, written, answer);
            }
            else
            {
                var response = sqs || !HasClientRequestToken(body)
                    ? await handler(request, context.RequestAborted)
                    : await tokens.AnswerAsync(operation, request, Encoding.UTF8.GetString(bytes.Span), () => handler(request, context.RequestAborted), context.RequestAborted);
                status = 200;
                context.Response.ContentType = sqs ? SqsContentType : JsonContentType;
                WriteText(context.Response, response);
            }
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
            if (context.Request.ContentLength is { } known)
            {
                // Kestrel holds the body to its Content-Length: read it into an array of that size, once.
                var bytes = new byte[known];
                var read = await context.Request.Body.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, context.RequestAborted);
                return bytes.AsMemory(0, read);
            }

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

    /// <summary>
    /// The body as JSON. The document is not disposed: handlers may keep elements of it, and its buffers, rented from
    /// the shared pool, are then simply collected with it instead of being copied out first.
    /// </summary>
    private static JsonElement Parse(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return EmptyObject; // botocore sends no body for operations without members
        }

        try
        {
            return JsonDocument.Parse(bytes).RootElement;
        }
        catch (JsonException e)
        {
            throw new ApiException("SerializationException", $"The request body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>
    /// Whether the body has a ClientRequestToken member, the only requests <see cref="ClientRequestTokens"/> keeps an
    /// answer for; without one it passes them straight to the handler.
    /// </summary>
    private static bool HasClientRequestToken(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("ClientRequestToken", out _);

    /// <summary>
    /// Writes an answer with its Content-Length: serialized whole into this thread's buffer first (so a failure leaves
    /// the response untouched for the error answer), then copied into the response, which Kestrel sends as the handler
    /// returns.
    /// </summary>
    private static void WriteAnswer(HttpResponse response, Operation.IWrittenOperation operation, object? answer)
    {
        var buffer = t_answerBuffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        var writer = t_answerWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        try
        {
            operation.Write(writer, answer);
            writer.Flush();
            response.ContentLength = buffer.WrittenCount;
            response.BodyWriter.Write(buffer.WrittenSpan);
        }
        finally
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity > MaxKeptAnswerBuffer)
            {
                t_answerBuffer = null; // a rare large answer: not kept by the thread
                t_answerWriter = null;
            }
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
        var buffer = new ArrayBufferWriter<byte>(256 + message.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", code);
            writer.WriteString("Message", message);
            writer.WriteEndObject();
        }

        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    /// <summary>
    /// Writes a text answer (one a ClientRequestToken keeps, or SQS's) as UTF-8 with its Content-Length, as
    /// <see cref="WriteAnswer"/> does for the others: no chunked framing, and the whole answer in one write.
    /// </summary>
    private static void WriteText(HttpResponse response, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        response.ContentLength = length;
        var span = response.BodyWriter.GetSpan(length);
        Encoding.UTF8.GetBytes(text, span);
        response.BodyWriter.Advance(length);
    }
}
