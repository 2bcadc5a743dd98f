namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The response of <c>CreatePipeline</c>.</summary>
public sealed record CreatePipelineResponse
{
    /// <summary>The Amazon Resource Name (ARN) of the created pipeline.</summary>
    public string? PipelineArn { get; init; }
}
