namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The request of <c>DescribePipeline</c>. Describes the details of a pipeline.</summary>
public sealed record DescribePipelineRequest
{
    /// <summary>The name or Amazon Resource Name (ARN) of the pipeline to describe.</summary>
    public required string PipelineName { get; init; }

    /// <summary>The ID of the pipeline version to describe.</summary>
    public long? PipelineVersionId { get; init; }
}
