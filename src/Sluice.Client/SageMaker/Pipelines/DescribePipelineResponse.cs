namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The response of <c>DescribePipeline</c>.</summary>
public sealed record DescribePipelineResponse
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline.</summary>
    public string? PipelineArn { get; init; }

    /// <summary>The name of the pipeline.</summary>
    public string? PipelineName { get; init; }

    /// <summary>The display name of the pipeline.</summary>
    public string? PipelineDisplayName { get; init; }

    /// <summary>The JSON pipeline definition.</summary>
    public string? PipelineDefinition { get; init; }

    /// <summary>The description of the pipeline.</summary>
    public string? PipelineDescription { get; init; }

    /// <summary>The Amazon Resource Name (ARN) that the pipeline uses to execute.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The status of the pipeline execution. One of: <c>Active</c>, <c>Deleting</c>.</summary>
    public string? PipelineStatus { get; init; }

    /// <summary>The time when the pipeline was created. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>The time when the pipeline was last modified. Epoch seconds on the wire.</summary>
    public DateTimeOffset? LastModifiedTime { get; init; }

    /// <summary>The time when the pipeline was last run. Epoch seconds on the wire.</summary>
    public DateTimeOffset? LastRunTime { get; init; }

    /// <summary>Information about the user who created or modified a SageMaker resource.</summary>
    public UserContext? CreatedBy { get; init; }

    /// <summary>Information about the user who created or modified a SageMaker resource.</summary>
    public UserContext? LastModifiedBy { get; init; }

    /// <summary>Lists the parallelism configuration applied to the pipeline.</summary>
    public ParallelismConfiguration? ParallelismConfiguration { get; init; }

    /// <summary>The display name of the pipeline version.</summary>
    public string? PipelineVersionDisplayName { get; init; }

    /// <summary>The description of the pipeline version.</summary>
    public string? PipelineVersionDescription { get; init; }
}
