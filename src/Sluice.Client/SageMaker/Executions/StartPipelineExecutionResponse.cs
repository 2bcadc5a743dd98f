namespace Sluice.Client.SageMaker.Executions;

/// <summary>The response of <c>StartPipelineExecution</c>.</summary>
public sealed record StartPipelineExecutionResponse
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline execution.</summary>
    public string? PipelineExecutionArn { get; init; }
}
