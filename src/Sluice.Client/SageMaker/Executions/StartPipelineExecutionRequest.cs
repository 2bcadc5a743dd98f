namespace Sluice.Client.SageMaker.Executions;

/// <summary>The request of <c>StartPipelineExecution</c>. Starts a pipeline execution.</summary>
public sealed record StartPipelineExecutionRequest
{
    /// <summary>The name or Amazon Resource Name (ARN) of the pipeline.</summary>
    public required string PipelineName { get; init; }

    /// <summary>The display name of the pipeline execution.</summary>
    public string? PipelineExecutionDisplayName { get; init; }

    /// <summary>Contains a list of pipeline parameters.</summary>
    public IReadOnlyList<Parameter>? PipelineParameters { get; init; }

    /// <summary>The description of the pipeline execution.</summary>
    public string? PipelineExecutionDescription { get; init; }

    /// <summary>A unique, case-sensitive identifier that you provide to ensure the idempotency of the operation. Filled with a new UUID by the client when <see langword="null"/>.</summary>
    public string? ClientRequestToken { get; init; }

    /// <summary>This configuration, if specified, overrides the parallelism configuration of the parent pipeline for this specific run.</summary>
    public ParallelismConfiguration? ParallelismConfiguration { get; init; }

    /// <summary>The selective execution configuration applied to the pipeline run.</summary>
    public SelectiveExecutionConfig? SelectiveExecutionConfig { get; init; }

    /// <summary>The ID of the pipeline version to start execution from.</summary>
    public long? PipelineVersionId { get; init; }

    /// <summary>The MLflow experiment name of the pipeline execution.</summary>
    public string? MlflowExperimentName { get; init; }
}
