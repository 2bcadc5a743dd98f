namespace Sluice.Client.SageMaker.Executions;

/// <summary>The request of <c>DescribePipelineDefinitionForExecution</c>. Describes the details of an execution's pipeline definition.</summary>
public sealed record DescribePipelineDefinitionForExecutionRequest
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline execution.</summary>
    public required string PipelineExecutionArn { get; init; }
}
