using System.Text.Json;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Registry;
using Sluice.Core.Registry;
using Sluice.Core.Storage;

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

    private static SageMakerJsonContext Wire => SageMakerJsonContext.Default;

    /// <summary>The operations by name, as <c>X-Amz-Target: SageMaker.&lt;name&gt;</c> gives them.</summary>
    public IReadOnlyDictionary<string, Func<ApiRequest, CancellationToken, Task<string>>> Operations => new Dictionary<string, Func<ApiRequest, CancellationToken, Task<string>>>(StringComparer.Ordinal)
    {
        ["DescribeModel"] = Operation.Stored(Wire.DescribeModelRequest, DescribeModelAsync),
        ["DescribeModelPackage"] = Operation.Stored(Wire.DescribeModelPackageRequest, DescribeModelPackageAsync),
        ["ListModelPackages"] = Operation.Of(Wire.ListModelPackagesRequest, Wire.ListModelPackagesResponse, ListModelPackagesAsync),
        ["UpdateModelPackage"] = Operation.Of(Wire.UpdateModelPackageRequest, Wire.UpdateModelPackageResponse, UpdateModelPackageAsync),
        ["DescribeModelPackageGroup"] = Operation.Of(Wire.DescribeModelPackageGroupRequest, Wire.DescribeModelPackageGroupResponse, DescribeModelPackageGroupAsync),
        ["ListModelPackageGroups"] = Operation.Of(Wire.ListModelPackageGroupsRequest, Wire.ListModelPackageGroupsResponse, ListModelPackageGroupsAsync),
    };

    private async Task<string> DescribeModelAsync(DescribeModelRequest request, CancellationToken cancellationToken)
    {
        var model = await store.GetModelAsync(request.ModelName, cancellationToken)
            ?? throw ApiException.Validation($"Could not find model \"{request.ModelName}\".");
        return model.DescribeJson;
    }

    private async Task<string> DescribeModelPackageAsync(DescribeModelPackageRequest request, CancellationToken cancellationToken) =>
        (await FindPackageAsync(request.ModelPackageName, cancellationToken)).DescribeJson;

    private async Task<UpdateModelPackageResponse> UpdateModelPackageAsync(UpdateModelPackageRequest request, CancellationToken cancellationToken)
    {
        var package = await FindPackageAsync(request.ModelPackageArn, cancellationToken);
        var status = request.ModelApprovalStatus;
        if (status is not null && !ModelRegistry.ApprovalStatuses.Contains(status))
        {
            throw ApiException.Validation($"1 validation error detected: Value '{status}' at 'modelApprovalStatus' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", ModelRegistry.ApprovalStatuses)}]");
        }

        package = await _registry.UpdateAsync(
            package,
            new ModelPackageUpdate(
                status,
                request.ApprovalDescription,
                new Dictionary<string, string>(request.CustomerMetadataProperties ?? new Dictionary<string, string>(), StringComparer.Ordinal),
                [.. request.CustomerMetadataPropertiesToRemove ?? []]),
            cancellationToken);
        return new UpdateModelPackageResponse { ModelPackageArn = package.Arn };
    }

    private async Task<ListModelPackagesResponse> ListModelPackagesAsync(ListModelPackagesRequest request, CancellationToken cancellationToken)
    {
        var group = request.ModelPackageGroupName;
        var packages = request.ModelPackageType == "Unversioned"
            ? []
            : (await store.ListModelPackagesAsync(group is null ? null : GroupName(group), cancellationToken)).AsEnumerable();
        if (request.ModelApprovalStatus is { } approval)
        {
            packages = packages.Where(p => p.ApprovalStatus == approval);
        }

        if (request.NameContains is { } contains)
        {
            packages = packages.Where(p => p.GroupName.Contains(contains, StringComparison.Ordinal));
        }

        packages = packages.Where(p => Paging.InRange(p.CreationTime, request.CreationTimeAfter, request.CreationTimeBefore));
        var sorted = (request.SortBy == "Name"
            ? packages.OrderBy(p => p.GroupName, StringComparer.Ordinal).ThenBy(p => p.Version)
            : packages.OrderBy(p => p.CreationTime).ThenBy(p => p.Version)).ToList();
        if (request.SortOrder != "Ascending")
        {
            sorted.Reverse();
        }

        var (page, next) = Paging.Page(sorted, request.MaxResults, request.NextToken);
        return new ListModelPackagesResponse { ModelPackageSummaryList = [.. page.Select(Summary)], NextToken = next };
    }

    private static ModelPackageSummary Summary(ModelPackageRecord package)
    {
        using var describe = JsonDocument.Parse(package.DescribeJson);
        return new ModelPackageSummary
        {
            ModelPackageName = package.GroupName,
            ModelPackageGroupName = package.GroupName,
            ModelPackageVersion = package.Version,
            ModelPackageArn = package.Arn,
            ModelPackageDescription = describe.RootElement.TryGetProperty("ModelPackageDescription", out var description) && description.ValueKind == JsonValueKind.String
                ? description.GetString()
                : null,
            CreationTime = package.CreationTime,
            ModelPackageStatus = "Completed",
            ModelApprovalStatus = package.ApprovalStatus,
        };
    }

    private async Task<DescribeModelPackageGroupResponse> DescribeModelPackageGroupAsync(DescribeModelPackageGroupRequest request, CancellationToken cancellationToken)
    {
        var name = GroupName(request.ModelPackageGroupName);
        var group = (await GroupsAsync(cancellationToken)).FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw ApiException.Validation($"ModelPackageGroup {name} does not exist.");
        return new DescribeModelPackageGroupResponse
        {
            ModelPackageGroupName = group.Name,
            ModelPackageGroupArn = group.Arn,
            CreationTime = group.CreationTime,
            CreatedBy = new UserContext(),
            ModelPackageGroupStatus = "Completed",
        };
    }

    private async Task<ListModelPackageGroupsResponse> ListModelPackageGroupsAsync(ListModelPackageGroupsRequest request, CancellationToken cancellationToken)
    {
        var groups = (await GroupsAsync(cancellationToken)).AsEnumerable();
        if (request.NameContains is { } contains)
        {
            groups = groups.Where(g => g.Name.Contains(contains, StringComparison.Ordinal));
        }

        groups = groups.Where(g => Paging.InRange(g.CreationTime, request.CreationTimeAfter, request.CreationTimeBefore));
        var sorted = (request.SortBy == "Name"
            ? groups.OrderBy(g => g.Name, StringComparer.Ordinal)
            : groups.OrderBy(g => g.CreationTime)).ToList();
        if (request.SortOrder != "Ascending")
        {
            sorted.Reverse();
        }

        var (page, next) = Paging.Page(sorted, request.MaxResults, request.NextToken);
        return new ListModelPackageGroupsResponse
        {
            ModelPackageGroupSummaryList = [.. page.Select(g => new ModelPackageGroupSummary
            {
                ModelPackageGroupName = g.Name,
                ModelPackageGroupArn = g.Arn,
                CreationTime = g.CreationTime,
                ModelPackageGroupStatus = "Completed",
            })],
            NextToken = next,
        };
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

    private sealed record Group(string Name, string Arn, DateTimeOffset CreationTime);
}
