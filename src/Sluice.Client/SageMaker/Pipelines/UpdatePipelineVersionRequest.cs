namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The request of <c>UpdatePipelineVersion</c>. Updates a pipeline version.</summary>
public sealed record UpdatePipelineVersionRequest
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline.</summary>
    public required string PipelineArn { get; init; }

    /// <summary>The pipeline version ID to update.</summary>
    public required long PipelineVersionId { get; init; }

    /// <summary>The display name of the pipeline version.</summary>
    public string? PipelineVersionDisplayName { get; init; }

    /// <summary>The description of the pipeline version.</summary>
    public string? PipelineVersionDescription { get; init; }
}
