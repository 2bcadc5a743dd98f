namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The response of <c>UpdatePipeline</c>.</summary>
public sealed record UpdatePipelineResponse
{
    /// <summary>The Amazon Resource Name (ARN) of the updated pipeline.</summary>
    public string? PipelineArn { get; init; }

    /// <summary>The ID of the pipeline version.</summary>
    public long? PipelineVersionId { get; init; }
}
