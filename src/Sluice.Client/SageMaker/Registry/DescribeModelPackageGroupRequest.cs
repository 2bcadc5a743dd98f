namespace Sluice.Client.SageMaker.Registry;

/// <summary>The request of <c>DescribeModelPackageGroup</c>. Gets a description for the specified model group.</summary>
public sealed record DescribeModelPackageGroupRequest
{
    /// <summary>The name of the model group to describe.</summary>
    public required string ModelPackageGroupName { get; init; }
}
