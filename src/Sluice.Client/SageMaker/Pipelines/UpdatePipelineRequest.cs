namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The request of <c>UpdatePipeline</c>. Updates a pipeline.</summary>
public sealed record UpdatePipelineRequest
{
    /// <summary>The name of the pipeline to update.</summary>
    public required string PipelineName { get; init; }

    /// <summary>The display name of the pipeline.</summary>
    public string? PipelineDisplayName { get; init; }

    /// <summary>The JSON pipeline definition.</summary>
    public string? PipelineDefinition { get; init; }

    /// <summary>The location of the pipeline definition stored in Amazon S3.</summary>
    public PipelineDefinitionS3Location? PipelineDefinitionS3Location { get; init; }

    /// <summary>The description of the pipeline.</summary>
    public string? PipelineDescription { get; init; }

    /// <summary>The Amazon Resource Name (ARN) that the pipeline uses to execute.</summary>
    public string? RoleArn { get; init; }

    /// <summary>If specified, it applies to all executions of this pipeline by default.</summary>
    public ParallelismConfiguration? ParallelismConfiguration { get; init; }
}
