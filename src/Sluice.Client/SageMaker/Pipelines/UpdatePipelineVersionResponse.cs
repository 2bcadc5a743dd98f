namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The response of <c>UpdatePipelineVersion</c>.</summary>
public sealed record UpdatePipelineVersionResponse
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline.</summary>
    public string? PipelineArn { get; init; }

    /// <summary>The ID of the pipeline version.</summary>
    public long? PipelineVersionId { get; init; }
}
