namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The response of <c>ListPipelineVersions</c>.</summary>
public sealed record ListPipelineVersionsResponse
{
    /// <summary>Contains a sorted list of pipeline version summary objects matching the specified filters.</summary>
    public IReadOnlyList<PipelineVersionSummary>? PipelineVersionSummaries { get; init; }

    /// <summary>If the result of the previous <c>ListPipelineVersions</c> request was truncated, the response includes a <c>NextToken</c>.</summary>
    public string? NextToken { get; init; }
}
