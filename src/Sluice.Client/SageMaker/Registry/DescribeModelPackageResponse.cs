using System.Text.Json;

namespace Sluice.Client.SageMaker.Registry;

/// <summary>The response of <c>DescribeModelPackage</c>, kept as JSON with typed members for the common fields (see <see cref="JsonBackedResponse"/>).</summary>
/// <param name="json">The response body.</param>
public sealed class DescribeModelPackageResponse(JsonElement json) : JsonBackedResponse(json)
{
    /// <summary>The name of the model package.</summary>
    public string? ModelPackageName => GetString(nameof(ModelPackageName));

    /// <summary>The name of the model package group the package is a version of.</summary>
    public string? ModelPackageGroupName => GetString(nameof(ModelPackageGroupName));

    /// <summary>The version of the package within its group.</summary>
    public int? ModelPackageVersion =>
        Find(nameof(ModelPackageVersion)) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var version) ? version : null;

    /// <summary>The Amazon Resource Name (ARN) of the model package.</summary>
    public string? ModelPackageArn => GetString(nameof(ModelPackageArn));

    /// <summary>A description of the model package.</summary>
    public string? ModelPackageDescription => GetString(nameof(ModelPackageDescription));

    /// <summary>The status: <c>Pending</c>, <c>InProgress</c>, <c>Completed</c>, <c>Failed</c> or <c>Deleting</c>.</summary>
    public string? ModelPackageStatus => GetString(nameof(ModelPackageStatus));

    /// <summary>The approval status: <c>Approved</c>, <c>Rejected</c> or <c>PendingManualApproval</c>.</summary>
    public string? ModelApprovalStatus => GetString(nameof(ModelApprovalStatus));

    /// <summary>A description of the approval status.</summary>
    public string? ApprovalDescription => GetString(nameof(ApprovalDescription));

    /// <summary>When the package was created.</summary>
    public DateTimeOffset? CreationTime => GetTime(nameof(CreationTime));

    /// <summary>When the package was last modified.</summary>
    public DateTimeOffset? LastModifiedTime => GetTime(nameof(LastModifiedTime));
}
