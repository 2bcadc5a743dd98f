namespace Sluice.Client.SageMaker.Jobs;

/// <summary>The response of <c>ListTrainingJobsForHyperParameterTuningJob</c>.</summary>
public sealed record ListTrainingJobsForHyperParameterTuningJobResponse
{
    /// <summary>A list of TrainingJobSummary objects that describe the training jobs that the <c>ListTrainingJobsForHyperParameterTuningJob</c> request returned.</summary>
    public IReadOnlyList<HyperParameterTrainingJobSummary>? TrainingJobSummaries { get; init; }

    /// <summary>If the result of this <c>ListTrainingJobsForHyperParameterTuningJob</c> request was truncated, the response includes a <c>NextToken</c>.</summary>
    public string? NextToken { get; init; }
}
