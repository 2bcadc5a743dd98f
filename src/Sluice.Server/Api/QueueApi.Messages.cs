using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sluice.Client.Sqs;
using Sluice.Core.Storage;
using Sluice.Server.Sqs;

namespace Sluice.Server.Api;

public sealed partial class QueueApi
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly string[] SystemAttributes = ["SenderId", "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp"];

    private async Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken)
    {
        var name = QueueName(request.QueueUrl);
        var queue = await RequireAsync(name, cancellationToken);
        var sent = await SendAsync(name, queue, request.MessageBody, request.DelaySeconds, request.MessageAttributes, cancellationToken);
        return new SendMessageResponse { MessageId = sent.MessageId, MD5OfMessageBody = sent.BodyMd5, MD5OfMessageAttributes = sent.AttributesMd5 };
    }

    private async Task<ReceiveMessageResponse> ReceiveMessageAsync(ReceiveMessageRequest request, CancellationToken cancellationToken)
    {
        var name = QueueName(request.QueueUrl);
        var settings = (await RequireAsync(name, cancellationToken)).Settings;
        var max = Checks.Range(request.MaxNumberOfMessages, "MaxNumberOfMessages", 1, 10) ?? 1;
        var visibility = Checks.Range(request.VisibilityTimeout, "VisibilityTimeout", 0, 43_200) is { } v ? TimeSpan.FromSeconds(v) : settings.VisibilityTimeout;
        var wait = Checks.Range(request.WaitTimeSeconds, "WaitTimeSeconds", 0, 20) is { } w ? TimeSpan.FromSeconds(w) : settings.ReceiveWaitTime;
        var systemNames = (request.AttributeNames ?? []).Concat(request.MessageSystemAttributeNames ?? []).ToHashSet(StringComparer.Ordinal);
        var attributeNames = (request.MessageAttributeNames ?? []).ToList();
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

        return new ReceiveMessageResponse { Messages = [.. messages.Select(m => Received(m, systemNames, attributeNames))] };
    }

    private async Task DeleteMessageAsync(DeleteMessageRequest request, CancellationToken cancellationToken)
    {
        var name = QueueName(request.QueueUrl);
        await RequireAsync(name, cancellationToken);
        var handle = Checks.Text(request.ReceiptHandle, "ReceiptHandle", 1024);
        if (!await store.DeleteMessageAsync(name, handle, cancellationToken))
        {
            throw BadHandle(handle);
        }
    }

    private async Task ChangeMessageVisibilityAsync(ChangeMessageVisibilityRequest request, CancellationToken cancellationToken)
    {
        var name = QueueName(request.QueueUrl);
        await RequireAsync(name, cancellationToken);
        var handle = Checks.Text(request.ReceiptHandle, "ReceiptHandle", 1024);
        var seconds = Checks.Range(request.VisibilityTimeout, "VisibilityTimeout", 0, 43_200)!.Value;
        if (!await store.ChangeMessageVisibilityAsync(name, handle, time.GetUtcNow() + TimeSpan.FromSeconds(seconds), cancellationToken))
        {
            throw BadHandle(handle);
        }
    }

    /// <summary>Checks and sends one message (a SendMessage request or a SendMessageBatch entry).</summary>
    private async Task<Sent> SendAsync(
        string queueName, QueueRecord queue, string body, int? delaySeconds, IReadOnlyDictionary<string, MessageAttributeValue>? messageAttributes, CancellationToken cancellationToken)
    {
        var text = Checks.Text(body, "MessageBody", 1_048_576);
        if (text.Length == 0 || !ValidMessageText(text))
        {
            throw new ApiException(
                text.Length == 0 ? "InvalidParameterValue" : "InvalidMessageContents",
                text.Length == 0
                    ? "MessageBody: the message body must be at least one character long."
                    : "MessageBody: invalid characters found; only #x9, #xA, #xD, #x20 to #xD7FF, #xE000 to #xFFFD and #x10000 to #x10FFFF are allowed.");
        }

        var attributes = MessageAttributes.Read(messageAttributes, "MessageAttributes");
        var size = Encoding.UTF8.GetByteCount(text) + MessageAttributes.Size(attributes);
        var limit = queue.Settings.MaximumMessageSize;
        if (size > limit)
        {
            throw new ApiException("InvalidParameterValue", string.Create(CultureInfo.InvariantCulture, $"One or more parameters are invalid. Reason: Message must be shorter than {limit} bytes (it is {size} bytes with its attributes)."));
        }

        var delay = Checks.Range(delaySeconds, "DelaySeconds", 0, 900) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var id = await store.SendMessageAsync(queueName, new QueueMessage(text, MessageAttributes.ToJson(attributes), delay), time.GetUtcNow(), cancellationToken);
        return new Sent(id, Md5(text), MessageAttributes.Md5(attributes));
    }

    /// <summary>A received message as the wire type: the system and message attributes asked for, with their digest.</summary>
    private Message Received(ReceivedMessage message, HashSet<string> systemNames, IReadOnlyCollection<string> attributeNames)
    {
        var all = systemNames.Contains("All");
        var system = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in SystemAttributes.Where(n => all || systemNames.Contains(n)))
        {
            system[attribute] = attribute switch
            {
                "SenderId" => account,
                "ApproximateReceiveCount" => Text(message.ReceiveCount),
                _ => message.SentTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            };
        }

        var selected = MessageAttributes.Select(MessageAttributes.FromJson(message.MessageAttributes), attributeNames);
        return new Message
        {
            MessageId = message.MessageId,
            ReceiptHandle = message.ReceiptHandle,
            MD5OfBody = Md5(message.Body),
            Body = message.Body,
            Attributes = system.Count > 0 ? system : null,
            MD5OfMessageAttributes = MessageAttributes.Md5(selected),
            MessageAttributes = selected.Count > 0 ? MessageAttributes.ToWire(selected) : null,
        };
    }

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

    private static string Md5(string body) =>
#pragma warning disable CA5351 // SQS defines MD5OfBody as MD5; it is a checksum here, not security.
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));
#pragma warning restore CA5351

    /// <summary>A sent message's id and digests.</summary>
    private sealed record Sent(string MessageId, string BodyMd5, string? AttributesMd5);
}
