namespace Sluice.Client.SageMaker.Jobs;

/// <summary>The container for the summary information about a training job.</summary>
public sealed record HyperParameterTrainingJobSummary
{
    /// <summary>The training job definition name.</summary>
    public string? TrainingJobDefinitionName { get; init; }

    /// <summary>The name of the training job.</summary>
    public string? TrainingJobName { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the training job.</summary>
    public string? TrainingJobArn { get; init; }

    /// <summary>The HyperParameter tuning job that launched the training job.</summary>
    public string? TuningJobName { get; init; }

    /// <summary>The date and time that the training job was created. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>The date and time that the training job started. Epoch seconds on the wire.</summary>
    public DateTimeOffset? TrainingStartTime { get; init; }

    /// <summary>Specifies the time when the training job ends on training instances. Epoch seconds on the wire.</summary>
    public DateTimeOffset? TrainingEndTime { get; init; }

    /// <summary>The status of the training job. One of: <c>InProgress</c>, <c>Completed</c>, <c>Failed</c>, <c>Stopping</c>, <c>Stopped</c>, <c>Deleting</c>.</summary>
    public string? TrainingJobStatus { get; init; }

    /// <summary>A list of the hyperparameters for which you specified ranges to search.</summary>
    public IReadOnlyDictionary<string, string>? TunedHyperParameters { get; init; }

    /// <summary>The reason that the training job failed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>The FinalHyperParameterTuningJobObjectiveMetric object that specifies the value of the objective metric of the tuning job that launched this training job.</summary>
    public FinalHyperParameterTuningJobObjectiveMetric? FinalHyperParameterTuningJobObjectiveMetric { get; init; }

    /// <summary>The status of the objective metric for the training job. One of: <c>Succeeded</c>, <c>Pending</c>, <c>Failed</c>.</summary>
    public string? ObjectiveStatus { get; init; }
}
