namespace Sluice.Client.Sqs;

/// <summary>The response of <c>SendMessageBatch</c>: which entries were sent and which failed.</summary>
public sealed record SendMessageBatchResponse
{
    /// <summary>The entries sent, with their message ids and digests.</summary>
    public IReadOnlyList<SendMessageBatchResultEntry>? Successful { get; init; }

    /// <summary>The entries that failed, each with its error.</summary>
    public IReadOnlyList<BatchResultErrorEntry>? Failed { get; init; }
}
