namespace Sluice.Client.Sqs;

/// <summary>One sent entry of a <c>SendMessageBatch</c> answer.</summary>
public sealed record SendMessageBatchResultEntry
{
    /// <summary>The entry's <c>Id</c> in the request.</summary>
    public required string Id { get; init; }

    /// <summary>The id of the message sent.</summary>
    public string? MessageId { get; init; }

    /// <summary>An MD5 digest of the message body, as lower-case hex.</summary>
    public string? MD5OfMessageBody { get; init; }

    /// <summary>An MD5 digest of the message attributes as SQS computes it; absent when the message has none.</summary>
    public string? MD5OfMessageAttributes { get; init; }

    /// <summary>An MD5 digest of the message system attributes.</summary>
    public string? MD5OfMessageSystemAttributes { get; init; }

    /// <summary>This parameter applies only to FIFO (first-in-first-out) queues.</summary>
    public string? SequenceNumber { get; init; }
}
