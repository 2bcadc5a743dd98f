namespace Sluice.Client.SageMaker.Jobs;

/// <summary>The request of <c>DescribeHyperParameterTuningJob</c>. Returns a description of a hyperparameter tuning job, depending on the fields selected.</summary>
public sealed record DescribeHyperParameterTuningJobRequest
{
    /// <summary>The name of the tuning job.</summary>
    public required string HyperParameterTuningJobName { get; init; }
}
