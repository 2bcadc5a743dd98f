namespace Sluice.Client.SageMaker.Steps;

/// <summary>The response of <c>ListPipelineExecutionSteps</c>.</summary>
public sealed record ListPipelineExecutionStepsResponse
{
    /// <summary>A list of <c>PipeLineExecutionStep</c> objects.</summary>
    public IReadOnlyList<PipelineExecutionStep>? PipelineExecutionSteps { get; init; }

    /// <summary>If the result of the previous <c>ListPipelineExecutionSteps</c> request was truncated, the response includes a <c>NextToken</c>.</summary>
    public string? NextToken { get; init; }
}
