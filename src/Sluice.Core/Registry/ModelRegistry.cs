using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Core.Storage;

namespace Sluice.Core.Registry;

/// <summary>
/// The local model registry's rules, over the store: which approval statuses exist, how a versioned model package's ARN
/// reads, and how an approval changes a package (its ModelApprovalStatus, ApprovalDescription and LastModifiedTime,
/// in the record and in its DescribeModelPackage response alike).
/// </summary>
/// <param name="store">Where the registry lives.</param>
/// <param name="time">The clock.</param>
public sealed class ModelRegistry(IRegistryStore store, TimeProvider time)
{
    private const string PackageMarker = ":model-package/";

    private static readonly JsonSerializerOptions DescribeOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The ModelApprovalStatus values SageMaker knows.</summary>
    public static IReadOnlyList<string> ApprovalStatuses { get; } = ["Approved", "Rejected", "PendingManualApproval"];

    /// <summary>Reads a versioned model package ARN, <c>arn:aws:sagemaker:{region}:{account}:model-package/{group}/{version}</c>.</summary>
    /// <param name="arn">The ARN.</param>
    /// <param name="groupName">The package group's name.</param>
    /// <param name="version">The package's version.</param>
    /// <returns>Whether the ARN names a versioned package.</returns>
    public static bool TryParsePackageArn(string arn, out string groupName, out int version)
    {
        groupName = string.Empty;
        version = 0;
        var at = arn.IndexOf(PackageMarker, StringComparison.Ordinal);
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || at < 0)
        {
            return false;
        }

        var rest = arn[(at + PackageMarker.Length)..];
        var slash = rest.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(rest[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out version) || version < 1)
        {
            return false;
        }

        groupName = rest[..slash];
        return true;
    }

    /// <summary>The ARN of a model package group: <c>arn:aws:sagemaker:{region}:{account}:model-package-group/{name, lower case}</c>.</summary>
    /// <param name="packageArn">The ARN of one of its packages (for the region and account).</param>
    /// <param name="groupName">The group's name.</param>
    public static string GroupArn(string packageArn, string groupName)
    {
        var at = packageArn.IndexOf(PackageMarker, StringComparison.Ordinal);
        return $"{packageArn[..at]}:model-package-group/{groupName.ToLowerInvariant()}";
    }

    /// <summary>Finds a package by its ARN.</summary>
    /// <returns>The package, or <see langword="null"/> when the ARN names none.</returns>
    public async Task<ModelPackageRecord?> FindPackageAsync(string arn, CancellationToken cancellationToken) =>
        TryParsePackageArn(arn, out var group, out var version)
            ? await store.GetModelPackageAsync(group, version, cancellationToken)
            : null;

    /// <summary>
    /// Changes a package as UpdateModelPackage does: its approval status and ApprovalDescription, and its
    /// CustomerMetadataProperties (added or replaced, then removed), each only when given.
    /// </summary>
    /// <param name="package">The package as stored.</param>
    /// <param name="update">What to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The package as now stored.</returns>
    /// <exception cref="ArgumentException">The status is not one of <see cref="ApprovalStatuses"/>.</exception>
    public async Task<ModelPackageRecord> UpdateAsync(ModelPackageRecord package, ModelPackageUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.ApprovalStatus is { } status && !ApprovalStatuses.Contains(status))
        {
            throw new ArgumentException($"ModelApprovalStatus '{status}' is not one of {string.Join(", ", ApprovalStatuses)}.", nameof(update));
        }

        var now = time.GetUtcNow();
        var describe = JsonNode.Parse(package.DescribeJson)?.AsObject() ?? [];
        if (update.ApprovalStatus is not null)
        {
            describe["ModelApprovalStatus"] = update.ApprovalStatus;
        }

        if (update.ApprovalDescription is not null)
        {
            describe["ApprovalDescription"] = update.ApprovalDescription;
        }

        if (update.MetadataToSet.Count > 0 || update.MetadataToRemove.Count > 0)
        {
            var metadata = describe["CustomerMetadataProperties"] as JsonObject ?? [];
            foreach (var (key, value) in update.MetadataToSet)
            {
                metadata[key] = value;
            }

            foreach (var key in update.MetadataToRemove)
            {
                metadata.Remove(key);
            }

            describe["CustomerMetadataProperties"] = metadata.DeepClone();
        }

        describe["LastModifiedTime"] = now.ToUnixTimeMilliseconds() / 1000.0;
        var updated = package with
        {
            ApprovalStatus = update.ApprovalStatus ?? package.ApprovalStatus,
            DescribeJson = describe.ToJsonString(DescribeOptions),
            LastModifiedTime = now,
        };
        await store.UpdateModelPackageAsync(updated, cancellationToken);
        return updated;
    }
}
