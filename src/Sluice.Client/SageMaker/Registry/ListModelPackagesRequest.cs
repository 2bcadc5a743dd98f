namespace Sluice.Client.SageMaker.Registry;

/// <summary>The request of <c>ListModelPackages</c>. Lists the model packages that have been created.</summary>
public sealed record ListModelPackagesRequest
{
    /// <summary>A filter that returns only model packages created after the specified time (timestamp). Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreationTimeAfter { get; init; }

    /// <summary>A filter that returns only model packages created before the specified time (timestamp). Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreationTimeBefore { get; init; }

    /// <summary>The maximum number of model packages to return in the response.</summary>
    public int? MaxResults { get; init; }

    /// <summary>A string in the model package name.</summary>
    public string? NameContains { get; init; }

    /// <summary>A filter that returns only the model packages with the specified approval status. One of: <c>Approved</c>, <c>Rejected</c>, <c>PendingManualApproval</c>.</summary>
    public string? ModelApprovalStatus { get; init; }

    /// <summary>A filter that returns only model versions that belong to the specified model group.</summary>
    public string? ModelPackageGroupName { get; init; }

    /// <summary>A filter that returns only the model packages of the specified type. One of: <c>Versioned</c>, <c>Unversioned</c>, <c>Both</c>.</summary>
    public string? ModelPackageType { get; init; }

    /// <summary>If the response to a previous <c>ListModelPackages</c> request was truncated, the response includes a <c>NextToken</c>.</summary>
    public string? NextToken { get; init; }

    /// <summary>The parameter by which to sort the results. One of: <c>Name</c>, <c>CreationTime</c>.</summary>
    public string? SortBy { get; init; }

    /// <summary>The sort order for the results. One of: <c>Ascending</c>, <c>Descending</c>.</summary>
    public string? SortOrder { get; init; }
}
