namespace Sluice.Client.SageMaker.Executions;

/// <summary>The response of <c>SendPipelineExecutionStepSuccess</c>.</summary>
public sealed record SendPipelineExecutionStepSuccessResponse
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline execution.</summary>
    public string? PipelineExecutionArn { get; init; }
}
