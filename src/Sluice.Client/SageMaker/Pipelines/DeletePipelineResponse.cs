namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The response of <c>DeletePipeline</c>.</summary>
public sealed record DeletePipelineResponse
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline to delete.</summary>
    public string? PipelineArn { get; init; }
}
