namespace Sluice.Client.Sqs;

/// <summary>The response of <c>ChangeMessageVisibilityBatch</c>: which entries were changed and which failed.</summary>
public sealed record ChangeMessageVisibilityBatchResponse
{
    /// <summary>The entries changed.</summary>
    public IReadOnlyList<ChangeMessageVisibilityBatchResultEntry>? Successful { get; init; }

    /// <summary>The entries that failed, each with its error.</summary>
    public IReadOnlyList<BatchResultErrorEntry>? Failed { get; init; }
}
