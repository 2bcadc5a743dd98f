namespace Sluice.Client.SageMaker.Registry;

/// <summary>The request of <c>ListModelPackageGroups</c>. Gets a list of the model groups in your Amazon Web Services account.</summary>
public sealed record ListModelPackageGroupsRequest
{
    /// <summary>A filter that returns only model groups created after the specified time. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreationTimeAfter { get; init; }

    /// <summary>A filter that returns only model groups created before the specified time. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreationTimeBefore { get; init; }

    /// <summary>The maximum number of results to return in the response.</summary>
    public int? MaxResults { get; init; }

    /// <summary>A string in the model group name.</summary>
    public string? NameContains { get; init; }

    /// <summary>If the result of the previous <c>ListModelPackageGroups</c> request was truncated, the response includes a <c>NextToken</c>.</summary>
    public string? NextToken { get; init; }

    /// <summary>The field to sort results by. One of: <c>Name</c>, <c>CreationTime</c>.</summary>
    public string? SortBy { get; init; }

    /// <summary>The sort order for results. One of: <c>Ascending</c>, <c>Descending</c>.</summary>
    public string? SortOrder { get; init; }

    /// <summary>A filter that returns either model groups shared with you or model groups in your own account. One of: <c>SameAccount</c>, <c>CrossAccount</c>.</summary>
    public string? CrossAccountFilterOption { get; init; }
}
