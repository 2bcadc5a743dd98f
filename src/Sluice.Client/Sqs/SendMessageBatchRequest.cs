namespace Sluice.Client.Sqs;

/// <summary>The request of <c>SendMessageBatch</c>. Sends up to ten messages to the specified queue.</summary>
public sealed record SendMessageBatchRequest
{
    /// <summary>The URL of the Amazon SQS queue to which batched messages are sent.</summary>
    public required string QueueUrl { get; init; }

    /// <summary>The messages, 1 to 10, each with an <c>Id</c> distinct within the request.</summary>
    public required IReadOnlyList<SendMessageBatchRequestEntry> Entries { get; init; }
}
