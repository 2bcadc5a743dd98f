namespace Sluice.Client.SageMaker.Executions;

/// <summary>The request of <c>DescribePipelineExecution</c>. Describes the details of a pipeline execution.</summary>
public sealed record DescribePipelineExecutionRequest
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline execution.</summary>
    public required string PipelineExecutionArn { get; init; }
}
