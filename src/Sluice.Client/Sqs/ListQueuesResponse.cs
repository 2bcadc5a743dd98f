namespace Sluice.Client.Sqs;

/// <summary>The response of <c>ListQueues</c>.</summary>
public sealed record ListQueuesResponse
{
    /// <summary>A list of queue URLs, up to 1,000 entries, or the value of <c>MaxResults</c> that you sent in the request.</summary>
    public IReadOnlyList<string>? QueueUrls { get; init; }

    /// <summary>Pagination token to include in the next request.</summary>
    public string? NextToken { get; init; }
}
