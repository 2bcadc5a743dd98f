namespace Sluice.Client.SageMaker.Executions;

/// <summary>The request of <c>ListPipelineExecutions</c>. Gets a list of the pipeline executions.</summary>
public sealed record ListPipelineExecutionsRequest
{
    /// <summary>The name or Amazon Resource Name (ARN) of the pipeline.</summary>
    public required string PipelineName { get; init; }

    /// <summary>A filter that returns the pipeline executions that were created after a specified time. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreatedAfter { get; init; }

    /// <summary>A filter that returns the pipeline executions that were created before a specified time. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>The field by which to sort results. One of: <c>CreationTime</c>, <c>PipelineExecutionArn</c>.</summary>
    public string? SortBy { get; init; }

    /// <summary>The sort order for results. One of: <c>Ascending</c>, <c>Descending</c>.</summary>
    public string? SortOrder { get; init; }

    /// <summary>If the result of the previous <c>ListPipelineExecutions</c> request was truncated, the response includes a <c>NextToken</c>.</summary>
    public string? NextToken { get; init; }

    /// <summary>The maximum number of pipeline executions to return in the response.</summary>
    public int? MaxResults { get; init; }
}
