namespace Sluice.Client.SageMaker.Executions;

/// <summary>The response of <c>SendPipelineExecutionStepFailure</c>.</summary>
public sealed record SendPipelineExecutionStepFailureResponse
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline execution.</summary>
    public string? PipelineExecutionArn { get; init; }
}
