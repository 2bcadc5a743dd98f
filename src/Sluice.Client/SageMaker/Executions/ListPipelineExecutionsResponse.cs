namespace Sluice.Client.SageMaker.Executions;

/// <summary>The response of <c>ListPipelineExecutions</c>.</summary>
public sealed record ListPipelineExecutionsResponse
{
    /// <summary>Contains a sorted list of pipeline execution summary objects matching the specified filters.</summary>
    public IReadOnlyList<PipelineExecutionSummary>? PipelineExecutionSummaries { get; init; }

    /// <summary>If the result of the previous <c>ListPipelineExecutions</c> request was truncated, the response includes a <c>NextToken</c>.</summary>
    public string? NextToken { get; init; }
}
