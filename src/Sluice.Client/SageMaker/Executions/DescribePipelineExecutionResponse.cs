namespace Sluice.Client.SageMaker.Executions;

/// <summary>The response of <c>DescribePipelineExecution</c>.</summary>
public sealed record DescribePipelineExecutionResponse
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline.</summary>
    public string? PipelineArn { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the pipeline execution.</summary>
    public string? PipelineExecutionArn { get; init; }

    /// <summary>The display name of the pipeline execution.</summary>
    public string? PipelineExecutionDisplayName { get; init; }

    /// <summary>The status of the pipeline execution. One of: <c>Executing</c>, <c>Stopping</c>, <c>Stopped</c>, <c>Failed</c>, <c>Succeeded</c>.</summary>
    public string? PipelineExecutionStatus { get; init; }

    /// <summary>The description of the pipeline execution.</summary>
    public string? PipelineExecutionDescription { get; init; }

    /// <summary>Specifies the names of the experiment and trial created by a pipeline.</summary>
    public PipelineExperimentConfig? PipelineExperimentConfig { get; init; }

    /// <summary>If the execution failed, a message describing why.</summary>
    public string? FailureReason { get; init; }

    /// <summary>The time when the pipeline execution was created. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>The time when the pipeline execution was modified last. Epoch seconds on the wire.</summary>
    public DateTimeOffset? LastModifiedTime { get; init; }

    /// <summary>Information about the user who created or modified a SageMaker resource.</summary>
    public UserContext? CreatedBy { get; init; }

    /// <summary>Information about the user who created or modified a SageMaker resource.</summary>
    public UserContext? LastModifiedBy { get; init; }

    /// <summary>The parallelism configuration applied to the pipeline.</summary>
    public ParallelismConfiguration? ParallelismConfiguration { get; init; }

    /// <summary>The selective execution configuration applied to the pipeline run.</summary>
    public SelectiveExecutionConfig? SelectiveExecutionConfig { get; init; }

    /// <summary>The ID of the pipeline version.</summary>
    public long? PipelineVersionId { get; init; }

    /// <summary>The MLflow configuration of the pipeline execution.</summary>
    public MLflowConfiguration? MLflowConfig { get; init; }
}
