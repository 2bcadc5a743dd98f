namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The request of <c>ListPipelineVersions</c>. Gets a list of all versions of the pipeline.</summary>
public sealed record ListPipelineVersionsRequest
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline.</summary>
    public required string PipelineName { get; init; }

    /// <summary>A filter that returns the pipeline versions that were created after a specified time. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreatedAfter { get; init; }

    /// <summary>A filter that returns the pipeline versions that were created before a specified time. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>The sort order for the results. One of: <c>Ascending</c>, <c>Descending</c>.</summary>
    public string? SortOrder { get; init; }

    /// <summary>If the result of the previous <c>ListPipelineVersions</c> request was truncated, the response includes a <c>NextToken</c>.</summary>
    public string? NextToken { get; init; }

    /// <summary>The maximum number of pipeline versions to return in the response.</summary>
    public int? MaxResults { get; init; }
}
