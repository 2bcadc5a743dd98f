namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The request of <c>DeletePipeline</c>. Deletes a pipeline if there are no running instances of the pipeline.</summary>
public sealed record DeletePipelineRequest
{
    /// <summary>The name of the pipeline to delete.</summary>
    public required string PipelineName { get; init; }

    /// <summary>A unique, case-sensitive identifier that you provide to ensure the idempotency of the operation. Filled with a new UUID by the client when <see langword="null"/>.</summary>
    public string? ClientRequestToken { get; init; }
}
