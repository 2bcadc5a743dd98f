namespace Sluice.Client.SageMaker.Executions;

/// <summary>The request of <c>UpdatePipelineExecution</c>. Updates a pipeline execution.</summary>
public sealed record UpdatePipelineExecutionRequest
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline execution.</summary>
    public required string PipelineExecutionArn { get; init; }

    /// <summary>The description of the pipeline execution.</summary>
    public string? PipelineExecutionDescription { get; init; }

    /// <summary>The display name of the pipeline execution.</summary>
    public string? PipelineExecutionDisplayName { get; init; }

    /// <summary>This configuration, if specified, overrides the parallelism configuration of the parent pipeline for this specific run.</summary>
    public ParallelismConfiguration? ParallelismConfiguration { get; init; }
}
