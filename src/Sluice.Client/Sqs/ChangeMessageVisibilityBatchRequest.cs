namespace Sluice.Client.Sqs;

/// <summary>The request of <c>ChangeMessageVisibilityBatch</c>. Changes the visibility timeout of up to ten received messages.</summary>
public sealed record ChangeMessageVisibilityBatchRequest
{
    /// <summary>The URL of the Amazon SQS queue whose messages' visibility is changed.</summary>
    public required string QueueUrl { get; init; }

    /// <summary>The messages, 1 to 10, by receipt handle, each with its new timeout.</summary>
    public required IReadOnlyList<ChangeMessageVisibilityBatchRequestEntry> Entries { get; init; }
}
