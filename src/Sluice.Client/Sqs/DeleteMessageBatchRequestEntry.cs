namespace Sluice.Client.Sqs;

/// <summary>One message of a <c>DeleteMessageBatch</c> request.</summary>
public sealed record DeleteMessageBatchRequestEntry
{
    /// <summary>An identifier for this entry, distinct within the request.</summary>
    public required string Id { get; init; }

    /// <summary>The receipt handle of the message to delete.</summary>
    public required string ReceiptHandle { get; init; }
}
