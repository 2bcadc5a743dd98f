namespace Sluice.Client.SageMaker.Executions;

/// <summary>The response of <c>RetryPipelineExecution</c>.</summary>
public sealed record RetryPipelineExecutionResponse
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline execution.</summary>
    public string? PipelineExecutionArn { get; init; }
}
