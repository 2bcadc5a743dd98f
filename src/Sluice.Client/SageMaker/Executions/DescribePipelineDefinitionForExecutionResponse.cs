namespace Sluice.Client.SageMaker.Executions;

/// <summary>The response of <c>DescribePipelineDefinitionForExecution</c>.</summary>
public sealed record DescribePipelineDefinitionForExecutionResponse
{
    /// <summary>The JSON pipeline definition.</summary>
    public string? PipelineDefinition { get; init; }

    /// <summary>The time when the pipeline was created. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreationTime { get; init; }
}
