namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>A summary of a pipeline.</summary>
public sealed record PipelineSummary
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline.</summary>
    public string? PipelineArn { get; init; }

    /// <summary>The name of the pipeline.</summary>
    public string? PipelineName { get; init; }

    /// <summary>The display name of the pipeline.</summary>
    public string? PipelineDisplayName { get; init; }

    /// <summary>The description of the pipeline.</summary>
    public string? PipelineDescription { get; init; }

    /// <summary>The Amazon Resource Name (ARN) that the pipeline used to execute.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The creation time of the pipeline. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>The time that the pipeline was last modified. Epoch seconds on the wire.</summary>
    public DateTimeOffset? LastModifiedTime { get; init; }

    /// <summary>The last time that a pipeline execution began. Epoch seconds on the wire.</summary>
    public DateTimeOffset? LastExecutionTime { get; init; }
}
