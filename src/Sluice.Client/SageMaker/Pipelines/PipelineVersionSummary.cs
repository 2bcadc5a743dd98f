namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The summary of the pipeline version.</summary>
public sealed record PipelineVersionSummary
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline.</summary>
    public string? PipelineArn { get; init; }

    /// <summary>The ID of the pipeline version.</summary>
    public long? PipelineVersionId { get; init; }

    /// <summary>The creation time of the pipeline version. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>The description of the pipeline version.</summary>
    public string? PipelineVersionDescription { get; init; }

    /// <summary>The display name of the pipeline version.</summary>
    public string? PipelineVersionDisplayName { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the most recent pipeline execution created from this pipeline version.</summary>
    public string? LastExecutionPipelineExecutionArn { get; init; }
}
