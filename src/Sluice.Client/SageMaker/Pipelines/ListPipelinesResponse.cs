namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The response of <c>ListPipelines</c>.</summary>
public sealed record ListPipelinesResponse
{
    /// <summary>Contains a sorted list of <c>PipelineSummary</c> objects matching the specified filters.</summary>
    public IReadOnlyList<PipelineSummary>? PipelineSummaries { get; init; }

    /// <summary>If the result of the previous <c>ListPipelines</c> request was truncated, the response includes a <c>NextToken</c>.</summary>
    public string? NextToken { get; init; }
}
