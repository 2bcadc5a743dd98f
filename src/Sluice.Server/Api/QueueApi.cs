using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sluice.Core.Steps;
using Sluice.Core.Storage;
using static Sluice.Server.Api.Responses;

namespace Sluice.Server.Api;

/// <summary>
/// The SQS JSON protocol (<c>X-Amz-Target: AmazonSQS.&lt;Operation&gt;</c>) over the engine's durable queues, so a
/// standard SQS client can consume what Callback steps post: receive, read <c>token</c> and <c>arguments</c>, answer
/// with SendPipelineExecutionStepSuccess or Failure on the same endpoint.
/// </summary>
/// <param name="store">The store holding the queues.</param>
/// <param name="time">The clock for visibility timeouts and long polling.</param>
public sealed class QueueApi(IQueueStore store, TimeProvider time)
{
    private const string Account = "000000000000";
    private static readonly TimeSpan DefaultVisibility = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The operations by name, as <c>X-Amz-Target: AmazonSQS.&lt;name&gt;</c> gives them; the base URL makes queue URLs.</summary>
    public IReadOnlyDictionary<string, Func<ApiRequest, string, CancellationToken, Task<string>>> Operations => new Dictionary<string, Func<ApiRequest, string, CancellationToken, Task<string>>>(StringComparer.Ordinal)
    {
        ["CreateQueue"] = CreateQueueAsync,
        ["GetQueueUrl"] = GetQueueUrlAsync,
        ["ListQueues"] = ListQueuesAsync,
        ["DeleteQueue"] = DeleteQueueAsync,
        ["SendMessage"] = SendMessageAsync,
        ["ReceiveMessage"] = ReceiveMessageAsync,
        ["DeleteMessage"] = DeleteMessageAsync,
        ["ChangeMessageVisibility"] = ChangeMessageVisibilityAsync,
        ["GetQueueAttributes"] = GetQueueAttributesAsync,
        ["PurgeQueue"] = PurgeQueueAsync,
    };

    private async Task<string> CreateQueueAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = request.Required("QueueName", 80);
        await store.CreateQueueAsync(name, time.GetUtcNow(), cancellationToken);
        return Write(w => w.WriteString("QueueUrl", Url(baseUrl, name)));
    }

    private async Task<string> GetQueueUrlAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = request.Required("QueueName", 80);
        await RequireAsync(name, cancellationToken);
        return Write(w => w.WriteString("QueueUrl", Url(baseUrl, name)));
    }

    private async Task<string> ListQueuesAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var prefix = request.Optional("QueueNamePrefix", 80) ?? string.Empty;
        var names = (await store.ListQueuesAsync(cancellationToken)).Where(n => n.StartsWith(prefix, StringComparison.Ordinal));
        return Write(w =>
        {
            w.WriteStartArray("QueueUrls");
            foreach (var name in names)
            {
                w.WriteStringValue(Url(baseUrl, name));
            }

            w.WriteEndArray();
        });
    }

    private async Task<string> DeleteQueueAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        if (!await store.DeleteQueueAsync(name, cancellationToken))
        {
            throw NoQueue(name);
        }

        return "{}";
    }

    private async Task<string> SendMessageAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        await RequireAsync(name, cancellationToken);
        var body = request.Required("MessageBody", 262_144);
        var id = await store.SendMessageAsync(name, body, time.GetUtcNow(), cancellationToken);
        return Write(w =>
        {
            w.WriteString("MessageId", id);
            w.WriteString("MD5OfMessageBody", Md5(body));
        });
    }

    private async Task<string> ReceiveMessageAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        await RequireAsync(name, cancellationToken);
        var max = request.Integer("MaxNumberOfMessages", 1, 10) ?? 1;
        var visibility = request.Integer("VisibilityTimeout", 0, 43_200) is { } v ? TimeSpan.FromSeconds(v) : DefaultVisibility;
        var wait = TimeSpan.FromSeconds(request.Integer("WaitTimeSeconds", 0, 20) ?? 0);
        var deadline = time.GetUtcNow() + wait;
        IReadOnlyList<ReceivedMessage> messages;
        while (true)
        {
            messages = await store.ReceiveMessagesAsync(name, max, visibility, time.GetUtcNow(), cancellationToken);
            if (messages.Count > 0 || time.GetUtcNow() >= deadline)
            {
                break;
            }

            await Task.Delay(PollInterval, time, cancellationToken); // long polling
        }

        return Write(w =>
        {
            w.WriteStartArray("Messages");
            foreach (var message in messages)
            {
                w.WriteStartObject();
                w.WriteString("MessageId", message.MessageId);
                w.WriteString("ReceiptHandle", message.ReceiptHandle);
                w.WriteString("MD5OfBody", Md5(message.Body));
                w.WriteString("Body", message.Body);
                w.WriteStartObject("Attributes");
                w.WriteString("ApproximateReceiveCount", message.ReceiveCount.ToString(CultureInfo.InvariantCulture));
                w.WriteString("SentTimestamp", message.SentTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private async Task<string> DeleteMessageAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        await RequireAsync(name, cancellationToken);
        var handle = request.Required("ReceiptHandle", 1024);
        return await store.DeleteMessageAsync(name, handle, cancellationToken)
            ? "{}"
            : throw new ApiException("ReceiptHandleIsInvalid", $"The receipt handle \"{handle}\" is not valid (deleted, or superseded by a later receipt).");
    }

    private async Task<string> ChangeMessageVisibilityAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        await RequireAsync(name, cancellationToken);
        var handle = request.Required("ReceiptHandle", 1024);
        var seconds = request.Integer("VisibilityTimeout", 0, 43_200) ?? throw ApiException.Validation("VisibilityTimeout is required.");
        return await store.ChangeMessageVisibilityAsync(name, handle, time.GetUtcNow() + TimeSpan.FromSeconds(seconds), cancellationToken)
            ? "{}"
            : throw new ApiException("ReceiptHandleIsInvalid", $"The receipt handle \"{handle}\" is not valid.");
    }

    private async Task<string> GetQueueAttributesAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        await RequireAsync(name, cancellationToken);
        var counts = await store.CountMessagesAsync(name, time.GetUtcNow(), cancellationToken);
        return Write(w =>
        {
            w.WriteStartObject("Attributes");
            w.WriteString("QueueArn", $"arn:aws:sqs:us-east-1:{Account}:{name}");
            w.WriteString("ApproximateNumberOfMessages", counts.Visible.ToString(CultureInfo.InvariantCulture));
            w.WriteString("ApproximateNumberOfMessagesNotVisible", counts.NotVisible.ToString(CultureInfo.InvariantCulture));
            w.WriteString("VisibilityTimeout", ((int)DefaultVisibility.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
        });
    }

    private async Task<string> PurgeQueueAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        await RequireAsync(name, cancellationToken);
        await store.PurgeQueueAsync(name, cancellationToken);
        return "{}";
    }

    private async Task RequireAsync(string name, CancellationToken cancellationToken)
    {
        if (!await store.QueueExistsAsync(name, cancellationToken))
        {
            throw NoQueue(name);
        }
    }

    /// <summary>A queue URL names its queue by its last segment, whatever the host (as Callback steps read SqsQueueUrl).</summary>
    private static string QueueName(ApiRequest request) => CallbackStepRunner.QueueName(request.Required("QueueUrl", 2048));

    private static string Url(string baseUrl, string name) => $"{baseUrl.TrimEnd('/')}/{Account}/{name}";

    private static ApiException NoQueue(string name) =>
        new("QueueDoesNotExist", $"The specified queue '{name}' does not exist.");

    private static string Md5(string body) =>
#pragma warning disable CA5351 // SQS defines MD5OfBody as MD5; it is a checksum here, not security.
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));
#pragma warning restore CA5351

    private static string Write(Action<Utf8JsonWriter> members)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
