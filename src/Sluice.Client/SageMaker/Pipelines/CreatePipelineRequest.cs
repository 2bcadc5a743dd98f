namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The request of <c>CreatePipeline</c>. Creates a pipeline using a JSON pipeline definition.</summary>
public sealed record CreatePipelineRequest
{
    /// <summary>The name of the pipeline.</summary>
    public required string PipelineName { get; init; }

    /// <summary>The display name of the pipeline.</summary>
    public string? PipelineDisplayName { get; init; }

    /// <summary>The JSON pipeline definition of the pipeline.</summary>
    public string? PipelineDefinition { get; init; }

    /// <summary>The location of the pipeline definition stored in Amazon S3.</summary>
    public PipelineDefinitionS3Location? PipelineDefinitionS3Location { get; init; }

    /// <summary>A description of the pipeline.</summary>
    public string? PipelineDescription { get; init; }

    /// <summary>A unique, case-sensitive identifier that you provide to ensure the idempotency of the operation. Filled with a new UUID by the client when <see langword="null"/>.</summary>
    public string? ClientRequestToken { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the role used by the pipeline to access and create resources.</summary>
    public required string RoleArn { get; init; }

    /// <summary>A list of tags to apply to the created pipeline.</summary>
    public IReadOnlyList<Tag>? Tags { get; init; }

    /// <summary>This is the configuration that controls the parallelism of the pipeline.</summary>
    public ParallelismConfiguration? ParallelismConfiguration { get; init; }
}
