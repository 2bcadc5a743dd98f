namespace Sluice.Client.Sqs;

/// <summary>One changed entry of a <c>ChangeMessageVisibilityBatch</c> answer.</summary>
public sealed record ChangeMessageVisibilityBatchResultEntry
{
    /// <summary>The entry's <c>Id</c> in the request.</summary>
    public required string Id { get; init; }
}
