namespace Sluice.Client.SageMaker.Jobs;

/// <summary>The request of <c>DescribeTransformJob</c>. Returns information about a transform job.</summary>
public sealed record DescribeTransformJobRequest
{
    /// <summary>The name of the transform job that you want to view details of.</summary>
    public required string TransformJobName { get; init; }
}
