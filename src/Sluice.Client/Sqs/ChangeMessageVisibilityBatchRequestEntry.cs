namespace Sluice.Client.Sqs;

/// <summary>One message of a <c>ChangeMessageVisibilityBatch</c> request.</summary>
public sealed record ChangeMessageVisibilityBatchRequestEntry
{
    /// <summary>An identifier for this entry, distinct within the request.</summary>
    public required string Id { get; init; }

    /// <summary>The receipt handle of the message.</summary>
    public required string ReceiptHandle { get; init; }

    /// <summary>The new visibility timeout, in seconds from now (0 to 43,200); 0 when absent.</summary>
    public int? VisibilityTimeout { get; init; }
}
