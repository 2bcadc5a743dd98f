namespace Sluice.Client.SageMaker.Jobs;

/// <summary>The request of <c>ListTrainingJobsForHyperParameterTuningJob</c>. Gets a list of TrainingJobSummary objects that describe the training jobs that a hyperparameter tuning job launched.</summary>
public sealed record ListTrainingJobsForHyperParameterTuningJobRequest
{
    /// <summary>The name of the tuning job whose training jobs you want to list.</summary>
    public required string HyperParameterTuningJobName { get; init; }

    /// <summary>If the result of the previous <c>ListTrainingJobsForHyperParameterTuningJob</c> request was truncated, the response includes a <c>NextToken</c>.</summary>
    public string? NextToken { get; init; }

    /// <summary>The maximum number of training jobs to return.</summary>
    public int? MaxResults { get; init; }

    /// <summary>A filter that returns only training jobs with the specified status. One of: <c>InProgress</c>, <c>Completed</c>, <c>Failed</c>, <c>Stopping</c>, <c>Stopped</c>, <c>Deleting</c>.</summary>
    public string? StatusEquals { get; init; }

    /// <summary>The field to sort results by. One of: <c>Name</c>, <c>CreationTime</c>, <c>Status</c>, <c>FinalObjectiveMetricValue</c>.</summary>
    public string? SortBy { get; init; }

    /// <summary>The sort order for results. One of: <c>Ascending</c>, <c>Descending</c>.</summary>
    public string? SortOrder { get; init; }
}
