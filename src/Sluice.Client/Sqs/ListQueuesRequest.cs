namespace Sluice.Client.Sqs;

/// <summary>The request of <c>ListQueues</c>. Returns a list of your queues in the current region.</summary>
public sealed record ListQueuesRequest
{
    /// <summary>A string to use for filtering the list results.</summary>
    public string? QueueNamePrefix { get; init; }

    /// <summary>Pagination token to request the next set of results.</summary>
    public string? NextToken { get; init; }

    /// <summary>Maximum number of results to include in the response.</summary>
    public int? MaxResults { get; init; }
}
