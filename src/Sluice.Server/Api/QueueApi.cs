using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sluice.Core.Steps;
using Sluice.Core.Storage;
using Sluice.Server.Sqs;

namespace Sluice.Server.Api;

/// <summary>
/// SQS over the engine's durable queues, as the JSON protocol (<c>X-Amz-Target: AmazonSQS.&lt;Operation&gt;</c>) gives
/// requests and answers; the query protocol is translated to and from it (<see cref="Sqs.SqsQuery"/>). A standard SQS
/// client can consume what Callback steps post, and use the queues for its own messages: message attributes with
/// their MD5s, the batch operations, and the queue attributes VisibilityTimeout, DelaySeconds, MessageRetentionPeriod
/// and ReceiveMessageWaitTimeSeconds honoured (the store applies delays and retention).
/// </summary>
/// <param name="store">The store holding the queues.</param>
/// <param name="time">The clock for delays, visibility timeouts and long polling.</param>
/// <param name="region">The region in queue ARNs.</param>
/// <param name="account">The account in queue ARNs and URLs.</param>
public sealed partial class QueueApi(IQueueStore store, TimeProvider time, string region, string account)
{
    private const int MaxBatchEntries = 10;
    private const int MaxBatchBytes = 262_144;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly string[] SystemAttributes = ["SenderId", "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp"];

    /// <summary>Makes the API with the default region and account (<c>us-east-1</c>, <c>000000000000</c>).</summary>
    /// <param name="store">The store holding the queues.</param>
    /// <param name="time">The clock.</param>
    public QueueApi(IQueueStore store, TimeProvider time)
        : this(store, time, "us-east-1", "000000000000")
    {
    }

    /// <summary>The operations by name, as <c>X-Amz-Target: AmazonSQS.&lt;name&gt;</c> gives them; the base URL makes queue URLs.</summary>
    public IReadOnlyDictionary<string, Func<ApiRequest, string, CancellationToken, Task<string>>> Operations => new Dictionary<string, Func<ApiRequest, string, CancellationToken, Task<string>>>(StringComparer.Ordinal)
    {
        ["CreateQueue"] = CreateQueueAsync,
        ["GetQueueUrl"] = GetQueueUrlAsync,
        ["ListQueues"] = ListQueuesAsync,
        ["DeleteQueue"] = DeleteQueueAsync,
        ["SendMessage"] = SendMessageAsync,
        ["SendMessageBatch"] = SendMessageBatchAsync,
        ["ReceiveMessage"] = ReceiveMessageAsync,
        ["DeleteMessage"] = DeleteMessageAsync,
        ["DeleteMessageBatch"] = DeleteMessageBatchAsync,
        ["ChangeMessageVisibility"] = ChangeMessageVisibilityAsync,
        ["ChangeMessageVisibilityBatch"] = ChangeMessageVisibilityBatchAsync,
        ["GetQueueAttributes"] = GetQueueAttributesAsync,
        ["SetQueueAttributes"] = SetQueueAttributesAsync,
        ["PurgeQueue"] = PurgeQueueAsync,
    };

    private async Task<string> CreateQueueAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = request.Required("QueueName", 80);
        if (!QueueNamePattern().IsMatch(name))
        {
            throw new ApiException("InvalidParameterValue", "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }

        var attributes = QueueAttributes(request);
        var queue = await store.CreateQueueAsync(name, attributes, time.GetUtcNow(), cancellationToken);
        if (attributes.Any(a => QueueValue(queue, a.Key) != a.Value))
        {
            throw new ApiException("QueueNameExists", $"A queue already exists with the same name '{name}' and a different value for an attribute.");
        }

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
        var queue = await RequireAsync(name, cancellationToken);
        var sent = await SendAsync(name, queue, request.Body, "MessageAttributes", cancellationToken);
        return Write(w => WriteSent(w, sent));
    }

    private async Task<string> SendMessageBatchAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        var queue = await RequireAsync(name, cancellationToken);
        var entries = Entries(request);
        var total = entries.Sum(e => e.TryGetProperty("MessageBody", out var b) && b.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetByteCount(b.GetString()!) : 0);
        if (total > MaxBatchBytes)
        {
            throw new ApiException("BatchRequestTooLong", string.Create(CultureInfo.InvariantCulture, $"Batch requests cannot be longer than {MaxBatchBytes} bytes. You have sent {total} bytes."));
        }

        var results = new List<(string Id, Sent? Sent, ApiException? Error)>();
        foreach (var entry in entries)
        {
            var id = entry.GetProperty("Id").GetString()!;
            try
            {
                results.Add((id, await SendAsync(name, queue, entry, "MessageAttributes", cancellationToken), null));
            }
            catch (ApiException e) when (e.Status < 500)
            {
                results.Add((id, null, e));
            }
        }

        return WriteBatch(results.Select(r => (r.Id, r.Error, r.Sent is { } s ? (Action<Utf8JsonWriter>)(w => WriteSent(w, s)) : null)));
    }

    private async Task<string> ReceiveMessageAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        var settings = (await RequireAsync(name, cancellationToken)).Settings;
        var max = request.Integer("MaxNumberOfMessages", 1, 10) ?? 1;
        var visibility = request.Integer("VisibilityTimeout", 0, 43_200) is { } v ? TimeSpan.FromSeconds(v) : settings.VisibilityTimeout;
        var wait = request.Integer("WaitTimeSeconds", 0, 20) is { } w ? TimeSpan.FromSeconds(w) : settings.ReceiveWaitTime;
        var systemNames = Strings(request, "AttributeNames").Concat(Strings(request, "MessageSystemAttributeNames")).ToHashSet(StringComparer.Ordinal);
        var attributeNames = Strings(request, "MessageAttributeNames").ToList();
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

        return Write(writer =>
        {
            writer.WriteStartArray("Messages");
            foreach (var message in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("MessageId", message.MessageId);
                writer.WriteString("ReceiptHandle", message.ReceiptHandle);
                writer.WriteString("MD5OfBody", Md5(message.Body));
                writer.WriteString("Body", message.Body);
                WriteSystemAttributes(writer, message, systemNames);
                var selected = MessageAttributes.Select(MessageAttributes.FromJson(message.MessageAttributes), attributeNames);
                if (selected.Count > 0)
                {
                    writer.WriteString("MD5OfMessageAttributes", MessageAttributes.Md5(selected));
                    writer.WritePropertyName("MessageAttributes");
                    MessageAttributes.Write(writer, selected);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    private async Task<string> DeleteMessageAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        await RequireAsync(name, cancellationToken);
        var handle = request.Required("ReceiptHandle", 1024);
        return await store.DeleteMessageAsync(name, handle, cancellationToken) ? "{}" : throw BadHandle(handle);
    }

    private async Task<string> DeleteMessageBatchAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        await RequireAsync(name, cancellationToken);
        var results = new List<(string Id, ApiException? Error, Action<Utf8JsonWriter>? Success)>();
        foreach (var entry in Entries(request))
        {
            var id = entry.GetProperty("Id").GetString()!;
            var handle = entry.GetProperty("ReceiptHandle").GetString()!;
            var deleted = await store.DeleteMessageAsync(name, handle, cancellationToken);
            results.Add((id, deleted ? null : BadHandle(handle), deleted ? _ => { } : null));
        }

        return WriteBatch(results);
    }

    private async Task<string> ChangeMessageVisibilityAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        await RequireAsync(name, cancellationToken);
        var handle = request.Required("ReceiptHandle", 1024);
        var seconds = request.Integer("VisibilityTimeout", 0, 43_200) ?? throw ApiException.Validation("VisibilityTimeout is required.");
        return await store.ChangeMessageVisibilityAsync(name, handle, time.GetUtcNow() + TimeSpan.FromSeconds(seconds), cancellationToken)
            ? "{}"
            : throw BadHandle(handle);
    }

    private async Task<string> ChangeMessageVisibilityBatchAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        await RequireAsync(name, cancellationToken);
        var results = new List<(string Id, ApiException? Error, Action<Utf8JsonWriter>? Success)>();
        foreach (var entry in Entries(request))
        {
            var id = entry.GetProperty("Id").GetString()!;
            var handle = entry.GetProperty("ReceiptHandle").GetString()!;
            var item = new ApiRequest(entry);
            ApiException? error = null;
            try
            {
                var seconds = item.Integer("VisibilityTimeout", 0, 43_200) ?? 0;
                if (!await store.ChangeMessageVisibilityAsync(name, handle, time.GetUtcNow() + TimeSpan.FromSeconds(seconds), cancellationToken))
                {
                    error = BadHandle(handle);
                }
            }
            catch (ApiException e) when (e.Status < 500)
            {
                error = e;
            }

            results.Add((id, error, error is null ? _ => { } : null));
        }

        return WriteBatch(results);
    }

    private async Task<string> GetQueueAttributesAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        var queue = await RequireAsync(name, cancellationToken);
        var wanted = Strings(request, "AttributeNames").ToHashSet(StringComparer.Ordinal);
        var counts = await store.CountMessagesAsync(name, time.GetUtcNow(), cancellationToken);
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["QueueArn"] = $"arn:aws:sqs:{region}:{account}:{name}",
            ["ApproximateNumberOfMessages"] = Text(counts.Visible),
            ["ApproximateNumberOfMessagesNotVisible"] = Text(counts.NotVisible),
            ["ApproximateNumberOfMessagesDelayed"] = Text(counts.Delayed),
            ["CreatedTimestamp"] = queue.CreationTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["LastModifiedTimestamp"] = queue.LastModifiedTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["SqsManagedSseEnabled"] = "false",
        };
        foreach (var attribute in QueueSettings.Defaulted)
        {
            all[attribute] = QueueValue(queue, attribute);
        }

        foreach (var (attribute, value) in queue.Attributes)
        {
            all[attribute] = value;
        }

        foreach (var attribute in wanted)
        {
            if (attribute != "All" && !all.ContainsKey(attribute) && QueueSettings.Check(attribute, "0") is { } problem && problem.StartsWith("Unknown", StringComparison.Ordinal))
            {
                throw new ApiException("InvalidAttributeName", $"Unknown Attribute {(attribute.Length > 100 ? attribute[..100] : attribute)}.");
            }
        }

        return Write(w =>
        {
            if (wanted.Count == 0)
            {
                return;
            }

            w.WriteStartObject("Attributes");
            foreach (var (attribute, value) in all.Where(a => wanted.Contains("All") || wanted.Contains(a.Key)))
            {
                w.WriteString(attribute, value);
            }

            w.WriteEndObject();
        });
    }

    private async Task<string> SetQueueAttributesAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        await RequireAsync(name, cancellationToken);
        return await store.SetQueueAttributesAsync(name, QueueAttributes(request), time.GetUtcNow(), cancellationToken) ? "{}" : throw NoQueue(name);
    }

    private async Task<string> PurgeQueueAsync(ApiRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = QueueName(request);
        await RequireAsync(name, cancellationToken);
        await store.PurgeQueueAsync(name, cancellationToken);
        return "{}";
    }

    /// <summary>Checks and sends one message (a SendMessage body or a SendMessageBatch entry).</summary>
    private async Task<Sent> SendAsync(string queueName, QueueRecord queue, JsonElement body, string attributesField, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(body);
        var text = request.Required("MessageBody", 1_048_576);
        if (text.Length == 0 || !ValidMessageText(text))
        {
            throw new ApiException(
                text.Length == 0 ? "InvalidParameterValue" : "InvalidMessageContents",
                text.Length == 0
                    ? "MessageBody: the message body must be at least one character long."
                    : "MessageBody: invalid characters found; only #x9, #xA, #xD, #x20 to #xD7FF, #xE000 to #xFFFD and #x10000 to #x10FFFF are allowed.");
        }

        var attributes = MessageAttributes.Read(request.Object(attributesField), attributesField);
        var size = Encoding.UTF8.GetByteCount(text) + MessageAttributes.Size(attributes);
        var limit = queue.Settings.MaximumMessageSize;
        if (size > limit)
        {
            throw new ApiException("InvalidParameterValue", string.Create(CultureInfo.InvariantCulture, $"One or more parameters are invalid. Reason: Message must be shorter than {limit} bytes (it is {size} bytes with its attributes)."));
        }

        var delay = request.Integer("DelaySeconds", 0, 900) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var id = await store.SendMessageAsync(queueName, new QueueMessage(text, MessageAttributes.ToJson(attributes), delay), time.GetUtcNow(), cancellationToken);
        return new Sent(id, Md5(text), MessageAttributes.Md5(attributes));
    }

    private void WriteSystemAttributes(Utf8JsonWriter writer, ReceivedMessage message, HashSet<string> names)
    {
        var all = names.Contains("All");
        var chosen = SystemAttributes.Where(n => all || names.Contains(n)).ToList();
        if (chosen.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("Attributes");
        foreach (var attribute in chosen)
        {
            writer.WriteString(attribute, attribute switch
            {
                "SenderId" => account,
                "ApproximateReceiveCount" => Text(message.ReceiveCount),
                _ => message.SentTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            });
        }

        writer.WriteEndObject();
    }

    /// <summary>The queue attributes of CreateQueue or SetQueueAttributes, each checked.</summary>
    private static Dictionary<string, string> QueueAttributes(ApiRequest request)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.Object("Attributes") is not { } map)
        {
            return attributes;
        }

        foreach (var member in map.EnumerateObject())
        {
            var value = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText();
            if (QueueSettings.Check(member.Name, value) is { } problem)
            {
                throw new ApiException(problem.StartsWith("Unknown", StringComparison.Ordinal) ? "InvalidAttributeName" : "InvalidAttributeValue", problem);
            }

            attributes[member.Name] = value;
        }

        return attributes;
    }

    private static string QueueValue(QueueRecord queue, string attribute) =>
        queue.Attributes.TryGetValue(attribute, out var value) ? value : QueueSettings.Defaulted.Contains(attribute) ? QueueSettings.DefaultOf(attribute) : string.Empty;

    /// <summary>The Entries of a batch request: 1 to 10, with distinct, well-formed Ids.</summary>
    private static List<JsonElement> Entries(ApiRequest request)
    {
        var entries = request.List("Entries") is { } list ? list.EnumerateArray().ToList() : [];
        if (entries.Count == 0)
        {
            throw new ApiException("EmptyBatchRequest", "There should be at least one SendMessageBatchRequestEntry in the request.");
        }

        if (entries.Count > MaxBatchEntries)
        {
            throw new ApiException("TooManyEntriesInBatchRequest", string.Create(CultureInfo.InvariantCulture, $"Maximum number of entries per request are {MaxBatchEntries}. You have sent {entries.Count}."));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var id = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("Id", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
            if (!BatchIdPattern().IsMatch(id))
            {
                throw new ApiException("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");
            }

            if (!ids.Add(id))
            {
                throw new ApiException("BatchEntryIdsNotDistinct", $"Id {id} repeated.");
            }
        }

        return entries;
    }

    private static IEnumerable<string> Strings(ApiRequest request, string name) =>
        request.List(name) is { } list ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!) : [];

    private async Task<QueueRecord> RequireAsync(string name, CancellationToken cancellationToken) =>
        await store.GetQueueAsync(name, cancellationToken) ?? throw NoQueue(name);

    /// <summary>A queue URL names its queue by its last segment, whatever the host (as Callback steps read SqsQueueUrl).</summary>
    private static string QueueName(ApiRequest request) => CallbackStepRunner.QueueName(request.Required("QueueUrl", 2048));

    private string Url(string baseUrl, string name) => $"{baseUrl.TrimEnd('/')}/{account}/{name}";

    private static ApiException NoQueue(string name) =>
        new("QueueDoesNotExist", $"The specified queue '{name}' does not exist.");

    private static ApiException BadHandle(string handle) =>
        new("ReceiptHandleIsInvalid", $"The receipt handle \"{(handle.Length > 100 ? handle[..100] + "..." : handle)}\" is not valid (deleted, or superseded by a later receipt).");

    private static bool ValidMessageText(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var c = rune.Value;
            if (!(c is 0x9 or 0xA or 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000))
            {
                return false;
            }
        }

        return true;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Md5(string body) =>
#pragma warning disable CA5351 // SQS defines MD5OfBody as MD5; it is a checksum here, not security.
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));
#pragma warning restore CA5351

    private static void WriteSent(Utf8JsonWriter writer, Sent sent)
    {
        writer.WriteString("MessageId", sent.MessageId);
        writer.WriteString("MD5OfMessageBody", sent.BodyMd5);
        if (sent.AttributesMd5 is { } md5)
        {
            writer.WriteString("MD5OfMessageAttributes", md5);
        }
    }

    /// <summary>A batch answer: <c>Successful</c> entries (Id and what <paramref name="results"/> adds) and <c>Failed</c> ones.</summary>
    private static string WriteBatch(IEnumerable<(string Id, ApiException? Error, Action<Utf8JsonWriter>? Success)> results)
    {
        var list = results.ToList();
        return Write(w =>
        {
            w.WriteStartArray("Successful");
            foreach (var (id, _, success) in list.Where(r => r.Error is null))
            {
                w.WriteStartObject();
                w.WriteString("Id", id);
                success!(w);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("Failed");
            foreach (var (id, error, _) in list.Where(r => r.Error is not null))
            {
                w.WriteStartObject();
                w.WriteString("Id", id);
                w.WriteBoolean("SenderFault", true);
                w.WriteString("Code", SqsErrorCodes.QueryCode(error!.Code));
                w.WriteString("Message", error.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

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

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9_-]{1,75}(\.fifo|[A-Za-z0-9_-]{0,5})$")]
    private static partial System.Text.RegularExpressions.Regex QueueNamePattern();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial System.Text.RegularExpressions.Regex BatchIdPattern();

    /// <summary>A sent message's id and digests.</summary>
    private sealed record Sent(string MessageId, string BodyMd5, string? AttributesMd5);
}
