namespace Sluice.Client.SageMaker.Registry;

/// <summary>Summary information about a model group.</summary>
public sealed record ModelPackageGroupSummary
{
    /// <summary>The name of the model group.</summary>
    public string? ModelPackageGroupName { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the model group.</summary>
    public string? ModelPackageGroupArn { get; init; }

    /// <summary>A description of the model group.</summary>
    public string? ModelPackageGroupDescription { get; init; }

    /// <summary>The time that the model group was created. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>The status of the model group. One of: <c>Pending</c>, <c>InProgress</c>, <c>Completed</c>, <c>Failed</c>, <c>Deleting</c>, <c>DeleteFailed</c>.</summary>
    public string? ModelPackageGroupStatus { get; init; }

    /// <summary>The managed configuration of the model package group.</summary>
    public ManagedConfiguration? ManagedConfiguration { get; init; }
}
