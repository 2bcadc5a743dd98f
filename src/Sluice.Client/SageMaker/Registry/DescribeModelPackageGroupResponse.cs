namespace Sluice.Client.SageMaker.Registry;

/// <summary>The response of <c>DescribeModelPackageGroup</c>.</summary>
public sealed record DescribeModelPackageGroupResponse
{
    /// <summary>The name of the model group.</summary>
    public string? ModelPackageGroupName { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the model group.</summary>
    public string? ModelPackageGroupArn { get; init; }

    /// <summary>A description of the model group.</summary>
    public string? ModelPackageGroupDescription { get; init; }

    /// <summary>The time that the model group was created. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>Information about the user who created or modified a SageMaker resource.</summary>
    public UserContext? CreatedBy { get; init; }

    /// <summary>The status of the model group. One of: <c>Pending</c>, <c>InProgress</c>, <c>Completed</c>, <c>Failed</c>, <c>Deleting</c>, <c>DeleteFailed</c>.</summary>
    public string? ModelPackageGroupStatus { get; init; }

    /// <summary>The managed configuration of the model package group.</summary>
    public ManagedConfiguration? ManagedConfiguration { get; init; }
}
