namespace Sluice.Client.SageMaker.Executions;

/// <summary>The response of <c>UpdatePipelineExecution</c>.</summary>
public sealed record UpdatePipelineExecutionResponse
{
    /// <summary>The Amazon Resource Name (ARN) of the updated pipeline execution.</summary>
    public string? PipelineExecutionArn { get; init; }
}
