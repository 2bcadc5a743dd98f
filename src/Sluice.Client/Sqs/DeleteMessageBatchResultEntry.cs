namespace Sluice.Client.Sqs;

/// <summary>One deleted entry of a <c>DeleteMessageBatch</c> answer.</summary>
public sealed record DeleteMessageBatchResultEntry
{
    /// <summary>The entry's <c>Id</c> in the request.</summary>
    public required string Id { get; init; }
}
