namespace Sluice.Client.SageMaker.Jobs;

/// <summary>The request of <c>DescribeProcessingJob</c>. Returns a description of a processing job.</summary>
public sealed record DescribeProcessingJobRequest
{
    /// <summary>The name of the processing job.</summary>
    public required string ProcessingJobName { get; init; }
}
