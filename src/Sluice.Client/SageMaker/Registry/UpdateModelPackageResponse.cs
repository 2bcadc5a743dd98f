namespace Sluice.Client.SageMaker.Registry;

/// <summary>The response of <c>UpdateModelPackage</c>.</summary>
public sealed record UpdateModelPackageResponse
{
    /// <summary>The Amazon Resource Name (ARN) of the model.</summary>
    public string? ModelPackageArn { get; init; }
}
