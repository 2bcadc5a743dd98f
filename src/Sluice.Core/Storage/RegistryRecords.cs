namespace Sluice.Core.Storage;

/// <summary>A model created by a Model step (CreateModel), in the local model registry.</summary>
/// <param name="Name">The ModelName.</param>
/// <param name="Arn">The model's ARN.</param>
/// <param name="DescribeJson">Its DescribeModel response.</param>
/// <param name="CreationTime">When it was created.</param>
public sealed record ModelRecord(string Name, string Arn, string DescribeJson, DateTimeOffset CreationTime);

/// <summary>A model package registered by a RegisterModel step (CreateModelPackage): one version in its group.</summary>
/// <param name="GroupName">The ModelPackageGroupName.</param>
/// <param name="Version">Its version in the group, from 1.</param>
/// <param name="Arn">Its ARN, <c>...:model-package/{group}/{version}</c>.</param>
/// <param name="ApprovalStatus">ModelApprovalStatus: PendingManualApproval, Approved or Rejected.</param>
/// <param name="DescribeJson">Its DescribeModelPackage response.</param>
/// <param name="CreationTime">When it was registered.</param>
/// <param name="LastModifiedTime">When its approval last changed.</param>
public sealed record ModelPackageRecord(
    string GroupName,
    int Version,
    string Arn,
    string ApprovalStatus,
    string DescribeJson,
    DateTimeOffset CreationTime,
    DateTimeOffset LastModifiedTime);
