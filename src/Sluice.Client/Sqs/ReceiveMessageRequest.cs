namespace Sluice.Client.Sqs;

/// <summary>The request of <c>ReceiveMessage</c>. Retrieves one or more messages (up to 10), from the specified queue.</summary>
public sealed record ReceiveMessageRequest
{
    /// <summary>The URL of the Amazon SQS queue from which messages are received.</summary>
    public required string QueueUrl { get; init; }

    /// <summary>This parameter has been discontinued but will be supported for backward compatibility.</summary>
    public IReadOnlyList<string>? AttributeNames { get; init; }

    /// <summary>A list of attributes that need to be returned along with each message.</summary>
    public IReadOnlyList<string>? MessageSystemAttributeNames { get; init; }

    /// <summary>The name of the message attribute, where N is the index.</summary>
    public IReadOnlyList<string>? MessageAttributeNames { get; init; }

    /// <summary>The maximum number of messages to return.</summary>
    public int? MaxNumberOfMessages { get; init; }

    /// <summary>The duration (in seconds) that the received messages are hidden from subsequent retrieve requests after being retrieved by a <c>ReceiveMessage</c> request.</summary>
    public int? VisibilityTimeout { get; init; }

    /// <summary>The duration (in seconds) for which the call waits for a message to arrive in the queue before returning.</summary>
    public int? WaitTimeSeconds { get; init; }

    /// <summary>This parameter applies only to FIFO (first-in-first-out) queues.</summary>
    public string? ReceiveRequestAttemptId { get; init; }
}
