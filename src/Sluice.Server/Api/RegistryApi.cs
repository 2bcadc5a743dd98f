using System.Text.Json;
using Sluice.Core.Api;
using Sluice.Core.Registry;
using Sluice.Core.Storage;
using static Sluice.Server.Api.Responses;

namespace Sluice.Server.Api;

/// <summary>
/// The local model registry the Model and RegisterModel steps fill: DescribeModel, DescribeModelPackage,
/// ListModelPackages, UpdateModelPackage (approval), DescribeModelPackageGroup and ListModelPackageGroups. Packages are
/// versioned (in a group); a group exists from its first package.
/// </summary>
/// <param name="store">The registry's store.</param>
/// <param name="time">The clock approvals are stamped with.</param>
public sealed class RegistryApi(IRegistryStore store, TimeProvider time)
{
    private readonly ModelRegistry _registry = new(store, time);

    /// <summary>The operations by name, as <c>X-Amz-Target: SageMaker.&lt;name&gt;</c> gives them.</summary>
    public IReadOnlyDictionary<string, Func<ApiRequest, CancellationToken, Task<string>>> Operations => new Dictionary<string, Func<ApiRequest, CancellationToken, Task<string>>>(StringComparer.Ordinal)
    {
        ["DescribeModel"] = DescribeModelAsync,
        ["DescribeModelPackage"] = DescribeModelPackageAsync,
        ["ListModelPackages"] = ListModelPackagesAsync,
        ["UpdateModelPackage"] = UpdateModelPackageAsync,
        ["DescribeModelPackageGroup"] = DescribeModelPackageGroupAsync,
        ["ListModelPackageGroups"] = ListModelPackageGroupsAsync,
    };

    private async Task<string> DescribeModelAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var name = request.Required("ModelName", 63);
        var model = await store.GetModelAsync(name, cancellationToken)
            ?? throw ApiException.Validation($"Could not find model \"{name}\".");
        return model.DescribeJson;
    }

    private async Task<string> DescribeModelPackageAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var package = await FindPackageAsync(request.Required("ModelPackageName", 2048), cancellationToken);
        return package.DescribeJson;
    }

    private async Task<string> UpdateModelPackageAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var package = await FindPackageAsync(request.Required("ModelPackageArn", 2048), cancellationToken);
        var status = request.Optional("ModelApprovalStatus");
        if (status is not null && !ModelRegistry.ApprovalStatuses.Contains(status))
        {
            throw ApiException.Validation($"1 validation error detected: Value '{status}' at 'modelApprovalStatus' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", ModelRegistry.ApprovalStatuses)}]");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.Object("CustomerMetadataProperties") is { } properties)
        {
            foreach (var property in properties.EnumerateObject())
            {
                metadata[property.Name] = property.Value.GetString() ?? string.Empty;
            }
        }

        var remove = (request.List("CustomerMetadataPropertiesToRemove")?.EnumerateArray() ?? default).Select(k => k.GetString() ?? string.Empty).ToList();
        package = await _registry.UpdateAsync(
            package,
            new ModelPackageUpdate(status, request.Optional("ApprovalDescription", 1024), metadata, remove),
            cancellationToken);

        return Write(w => w.WriteString("ModelPackageArn", package.Arn));
    }

    private async Task<string> ListModelPackagesAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var group = request.Optional("ModelPackageGroupName", 2048);
        var packages = request.Optional("ModelPackageType") == "Unversioned"
            ? []
            : (await store.ListModelPackagesAsync(group is null ? null : GroupName(group), cancellationToken)).AsEnumerable();
        if (request.Optional("ModelApprovalStatus") is { } approval)
        {
            packages = packages.Where(p => p.ApprovalStatus == approval);
        }

        if (request.Optional("NameContains", 63) is { } contains)
        {
            packages = packages.Where(p => p.GroupName.Contains(contains, StringComparison.Ordinal));
        }

        packages = packages.Where(p => InTimeRange(request, p.CreationTime));
        var byName = request.Optional("SortBy") == "Name";
        var sorted = (byName
            ? packages.OrderBy(p => p.GroupName, StringComparer.Ordinal).ThenBy(p => p.Version)
            : packages.OrderBy(p => p.CreationTime).ThenBy(p => p.Version)).ToList();
        if (request.Optional("SortOrder") != "Ascending")
        {
            sorted.Reverse();
        }

        return Page(request, sorted, "ModelPackageSummaryList", (w, p) =>
        {
            using var describe = JsonDocument.Parse(p.DescribeJson);
            w.WriteStartObject();
            w.WriteString("ModelPackageName", p.GroupName);
            w.WriteString("ModelPackageGroupName", p.GroupName);
            w.WriteNumber("ModelPackageVersion", p.Version);
            w.WriteString("ModelPackageArn", p.Arn);
            if (describe.RootElement.TryGetProperty("ModelPackageDescription", out var description) && description.ValueKind == JsonValueKind.String)
            {
                w.WriteString("ModelPackageDescription", description.GetString());
            }

            ApiShapes.WriteTime(w, "CreationTime", p.CreationTime);
            w.WriteString("ModelPackageStatus", "Completed");
            w.WriteString("ModelApprovalStatus", p.ApprovalStatus);
            w.WriteEndObject();
        });
    }

    private async Task<string> DescribeModelPackageGroupAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var name = GroupName(request.Required("ModelPackageGroupName", 2048));
        var group = (await GroupsAsync(cancellationToken)).FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw ApiException.Validation($"ModelPackageGroup {name} does not exist.");
        return Write(w =>
        {
            w.WriteString("ModelPackageGroupName", group.Name);
            w.WriteString("ModelPackageGroupArn", group.Arn);
            ApiShapes.WriteTime(w, "CreationTime", group.CreationTime);
            w.WriteStartObject("CreatedBy");
            w.WriteEndObject();
            w.WriteString("ModelPackageGroupStatus", "Completed");
        });
    }

    private async Task<string> ListModelPackageGroupsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var groups = (await GroupsAsync(cancellationToken)).AsEnumerable();
        if (request.Optional("NameContains", 63) is { } contains)
        {
            groups = groups.Where(g => g.Name.Contains(contains, StringComparison.Ordinal));
        }

        groups = groups.Where(g => InTimeRange(request, g.CreationTime));
        var sorted = (request.Optional("SortBy") == "Name"
            ? groups.OrderBy(g => g.Name, StringComparer.Ordinal)
            : groups.OrderBy(g => g.CreationTime)).ToList();
        if (request.Optional("SortOrder") != "Ascending")
        {
            sorted.Reverse();
        }

        return Page(request, sorted, "ModelPackageGroupSummaryList", (w, g) =>
        {
            w.WriteStartObject();
            w.WriteString("ModelPackageGroupName", g.Name);
            w.WriteString("ModelPackageGroupArn", g.Arn);
            ApiShapes.WriteTime(w, "CreationTime", g.CreationTime);
            w.WriteString("ModelPackageGroupStatus", "Completed");
            w.WriteEndObject();
        });
    }

    /// <summary>A versioned package by ARN; SageMaker describes versioned packages by ARN only.</summary>
    private async Task<ModelPackageRecord> FindPackageAsync(string arn, CancellationToken cancellationToken)
    {
        if (!ModelRegistry.TryParsePackageArn(arn, out _, out _))
        {
            throw ApiException.Validation($"ModelPackage {arn} does not exist. Versioned model packages are named by their ARN, arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>.");
        }

        return await _registry.FindPackageAsync(arn, cancellationToken)
            ?? throw ApiException.Validation($"ModelPackage {arn} does not exist.");
    }

    /// <summary>The groups, from their packages: a group was created with its first package.</summary>
    private async Task<List<Group>> GroupsAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListModelPackagesAsync(null, cancellationToken))
            .GroupBy(p => p.GroupName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.MinBy(p => p.Version)!)
            .Select(first => new Group(first.GroupName, ModelRegistry.GroupArn(first.Arn, first.GroupName), first.CreationTime))];

    /// <summary>A group's name from its name or ARN.</summary>
    private static string GroupName(string nameOrArn)
    {
        const string marker = ":model-package-group/";
        var at = nameOrArn.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? nameOrArn : nameOrArn[(at + marker.Length)..];
    }

    /// <summary>
    /// Whether a time is inside CreationTimeAfter and CreationTimeBefore (both exclusive), compared to the millisecond as
    /// responses give it, so a time read from a list and sent back excludes that item.
    /// </summary>
    private static bool InTimeRange(ApiRequest request, DateTimeOffset time)
    {
        var listed = DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
        return (request.Time("CreationTimeAfter") is not { } after || listed > after)
            && (request.Time("CreationTimeBefore") is not { } before || listed < before);
    }

    private sealed record Group(string Name, string Arn, DateTimeOffset CreationTime);
}
