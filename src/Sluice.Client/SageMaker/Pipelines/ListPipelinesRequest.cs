namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The request of <c>ListPipelines</c>. Gets a list of pipelines.</summary>
public sealed record ListPipelinesRequest
{
    /// <summary>The prefix of the pipeline name.</summary>
    public string? PipelineNamePrefix { get; init; }

    /// <summary>A filter that returns the pipelines that were created after a specified time. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreatedAfter { get; init; }

    /// <summary>A filter that returns the pipelines that were created before a specified time. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>The field by which to sort results. One of: <c>Name</c>, <c>CreationTime</c>.</summary>
    public string? SortBy { get; init; }

    /// <summary>The sort order for results. One of: <c>Ascending</c>, <c>Descending</c>.</summary>
    public string? SortOrder { get; init; }

    /// <summary>If the result of the previous <c>ListPipelines</c> request was truncated, the response includes a <c>NextToken</c>.</summary>
    public string? NextToken { get; init; }

    /// <summary>The maximum number of pipelines to return in the response.</summary>
    public int? MaxResults { get; init; }
}
