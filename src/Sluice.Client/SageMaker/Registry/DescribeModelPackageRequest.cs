namespace Sluice.Client.SageMaker.Registry;

/// <summary>The request of <c>DescribeModelPackage</c>. Returns a description of the specified model package, which is used to create SageMaker models or list them on Amazon Web Services Marketplace.</summary>
public sealed record DescribeModelPackageRequest
{
    /// <summary>The name or Amazon Resource Name (ARN) of the model package to describe.</summary>
    public required string ModelPackageName { get; init; }
}
