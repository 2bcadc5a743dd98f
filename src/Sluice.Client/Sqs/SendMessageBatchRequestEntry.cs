namespace Sluice.Client.Sqs;

/// <summary>One message of a <c>SendMessageBatch</c> request.</summary>
public sealed record SendMessageBatchRequestEntry
{
    /// <summary>An identifier for the message in this batch (alphanumerics, hyphens and underscores, at most 80), which the answer names it by.</summary>
    public required string Id { get; init; }

    /// <summary>The body of the message.</summary>
    public required string MessageBody { get; init; }

    /// <summary>The length of time, in seconds, for which this message is delayed (0 to 900); the queue's DelaySeconds when absent.</summary>
    public int? DelaySeconds { get; init; }

    /// <summary>The message attributes, by name.</summary>
    public IReadOnlyDictionary<string, MessageAttributeValue>? MessageAttributes { get; init; }

    /// <summary>The message system attributes, by name.</summary>
    public IReadOnlyDictionary<string, MessageAttributeValue>? MessageSystemAttributes { get; init; }

    /// <summary>This parameter applies only to FIFO (first-in-first-out) queues.</summary>
    public string? MessageDeduplicationId { get; init; }

    /// <summary>The tag that specifies that a message belongs to a specific message group.</summary>
    public string? MessageGroupId { get; init; }
}
