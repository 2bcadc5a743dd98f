namespace Sluice.Client.SageMaker.Executions;

/// <summary>The response of <c>StopPipelineExecution</c>.</summary>
public sealed record StopPipelineExecutionResponse
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline execution.</summary>
    public string? PipelineExecutionArn { get; init; }
}
