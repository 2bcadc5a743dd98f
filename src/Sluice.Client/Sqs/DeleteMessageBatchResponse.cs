namespace Sluice.Client.Sqs;

/// <summary>The response of <c>DeleteMessageBatch</c>: which entries were deleted and which failed.</summary>
public sealed record DeleteMessageBatchResponse
{
    /// <summary>The entries deleted.</summary>
    public IReadOnlyList<DeleteMessageBatchResultEntry>? Successful { get; init; }

    /// <summary>The entries that failed, each with its error.</summary>
    public IReadOnlyList<BatchResultErrorEntry>? Failed { get; init; }
}
