namespace Sluice.Client.Sqs;

/// <summary>The request of <c>DeleteMessageBatch</c>. Deletes up to ten received messages.</summary>
public sealed record DeleteMessageBatchRequest
{
    /// <summary>The URL of the Amazon SQS queue from which messages are deleted.</summary>
    public required string QueueUrl { get; init; }

    /// <summary>The messages to delete, 1 to 10, by receipt handle.</summary>
    public required IReadOnlyList<DeleteMessageBatchRequestEntry> Entries { get; init; }
}
