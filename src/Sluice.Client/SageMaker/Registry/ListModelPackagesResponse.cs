namespace Sluice.Client.SageMaker.Registry;

/// <summary>The response of <c>ListModelPackages</c>.</summary>
public sealed record ListModelPackagesResponse
{
    /// <summary>An array of <c>ModelPackageSummary</c> objects, each of which lists a model package.</summary>
    public IReadOnlyList<ModelPackageSummary>? ModelPackageSummaryList { get; init; }

    /// <summary>If the response is truncated, SageMaker returns this token.</summary>
    public string? NextToken { get; init; }
}
