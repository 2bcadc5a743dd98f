namespace Sluice.Client.SageMaker.Registry;

/// <summary>The response of <c>ListModelPackageGroups</c>.</summary>
public sealed record ListModelPackageGroupsResponse
{
    /// <summary>A list of summaries of the model groups in your Amazon Web Services account.</summary>
    public IReadOnlyList<ModelPackageGroupSummary>? ModelPackageGroupSummaryList { get; init; }

    /// <summary>If the response is truncated, SageMaker returns this token.</summary>
    public string? NextToken { get; init; }
}
