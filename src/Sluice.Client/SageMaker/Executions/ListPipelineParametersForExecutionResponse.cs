namespace Sluice.Client.SageMaker.Executions;

/// <summary>The response of <c>ListPipelineParametersForExecution</c>.</summary>
public sealed record ListPipelineParametersForExecutionResponse
{
    /// <summary>Contains a list of pipeline parameters.</summary>
    public IReadOnlyList<Parameter>? PipelineParameters { get; init; }

    /// <summary>If the result of the previous <c>ListPipelineParametersForExecution</c> request was truncated, the response includes a <c>NextToken</c>.</summary>
    public string? NextToken { get; init; }
}
