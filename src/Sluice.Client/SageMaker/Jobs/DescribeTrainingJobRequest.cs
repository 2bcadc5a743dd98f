namespace Sluice.Client.SageMaker.Jobs;

/// <summary>The request of <c>DescribeTrainingJob</c>. Returns information about a training job.</summary>
public sealed record DescribeTrainingJobRequest
{
    /// <summary>The name of the training job.</summary>
    public required string TrainingJobName { get; init; }
}
