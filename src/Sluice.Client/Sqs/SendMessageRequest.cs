namespace Sluice.Client.Sqs;

/// <summary>The request of <c>SendMessage</c>. Delivers a message to the specified queue.</summary>
public sealed record SendMessageRequest
{
    /// <summary>The URL of the Amazon SQS queue to which a message is sent.</summary>
    public required string QueueUrl { get; init; }

    /// <summary>The message to send.</summary>
    public required string MessageBody { get; init; }

    /// <summary>The length of time, in seconds, for which to delay a specific message.</summary>
    public int? DelaySeconds { get; init; }

    /// <summary>Each message attribute consists of a <c>Name</c>, <c>Type</c>, and <c>Value</c>.</summary>
    public IReadOnlyDictionary<string, MessageAttributeValue>? MessageAttributes { get; init; }

    /// <summary>The message system attribute to send.</summary>
    public IReadOnlyDictionary<string, MessageAttributeValue>? MessageSystemAttributes { get; init; }

    /// <summary>This parameter applies only to FIFO (first-in-first-out) queues.</summary>
    public string? MessageDeduplicationId { get; init; }

    /// <summary><c>MessageGroupId</c> is an attribute used in Amazon SQS FIFO (First-In-First-Out) and standard queues.</summary>
    public string? MessageGroupId { get; init; }
}
