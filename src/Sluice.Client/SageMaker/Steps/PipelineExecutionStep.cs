namespace Sluice.Client.SageMaker.Steps;

/// <summary>An execution of a step in a pipeline.</summary>
public sealed record PipelineExecutionStep
{
    /// <summary>The name of the step that is executed.</summary>
    public string? StepName { get; init; }

    /// <summary>The display name of the step.</summary>
    public string? StepDisplayName { get; init; }

    /// <summary>The description of the step.</summary>
    public string? StepDescription { get; init; }

    /// <summary>The time that the step started executing. Epoch seconds on the wire.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>The time that the step stopped executing. Epoch seconds on the wire.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>The status of the step execution. One of: <c>Starting</c>, <c>Executing</c>, <c>Stopping</c>, <c>Stopped</c>, <c>Failed</c>, <c>Succeeded</c>.</summary>
    public string? StepStatus { get; init; }

    /// <summary>If this pipeline execution step was cached, details on the cache hit.</summary>
    public CacheHitResult? CacheHitResult { get; init; }

    /// <summary>The reason why the step failed execution.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Metadata to run the pipeline step.</summary>
    public PipelineExecutionStepMetadata? Metadata { get; init; }

    /// <summary>The current attempt of the execution step.</summary>
    public int? AttemptCount { get; init; }

    /// <summary>The ARN from an execution of the current pipeline from which results are reused for this step.</summary>
    public SelectiveExecutionResult? SelectiveExecutionResult { get; init; }
}
