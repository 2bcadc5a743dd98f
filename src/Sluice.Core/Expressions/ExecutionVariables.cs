using System.Collections.Frozen;

namespace Sluice.Definitions.Expressions;

/// <summary>The execution variables a definition may read with <c>{"Get": "Execution.Name"}</c>.</summary>
public static class ExecutionVariables
{
    /// <summary>The time the execution started.</summary>
    public const string StartDateTime = "StartDateTime";

    /// <summary>The time the expression is evaluated.</summary>
    public const string CurrentDateTime = "CurrentDateTime";

    /// <summary>The pipeline's name.</summary>
    public const string PipelineName = "PipelineName";

    /// <summary>The pipeline's ARN.</summary>
    public const string PipelineArn = "PipelineArn";

    /// <summary>The execution's id, the last segment of its ARN.</summary>
    public const string PipelineExecutionId = "PipelineExecutionId";

    /// <summary>The execution's ARN.</summary>
    public const string PipelineExecutionArn = "PipelineExecutionArn";

    /// <summary>The name of the training job of the step that reads it; valid in Training steps only.</summary>
    public const string TrainingJobName = "TrainingJobName";

    /// <summary>The name of the processing job of the step that reads it; valid in Processing steps only.</summary>
    public const string ProcessingJobName = "ProcessingJobName";

    /// <summary>Every known execution variable.</summary>
    public static FrozenSet<string> All { get; } = FrozenSet.Create(
        StringComparer.Ordinal,
        StartDateTime,
        CurrentDateTime,
        PipelineName,
        PipelineArn,
        PipelineExecutionId,
        PipelineExecutionArn,
        TrainingJobName,
        ProcessingJobName);
}
