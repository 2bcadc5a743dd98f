using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Sluice.Core.Registry;

namespace Sluice.Server.Console;

/// <summary>The model registry: groups with their packages, the models (CreateModel), and approving or rejecting a package.</summary>
internal sealed partial class ConsoleApi
{
    private async Task<JsonNode> ModelsAsync(HttpContext context)
    {
        var packages = await _engine.Store.ListModelPackagesAsync(null, context.RequestAborted);
        var groups = new JsonArray();
        foreach (var group in packages.GroupBy(p => p.GroupName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            groups.Add(new JsonObject
            {
                ["name"] = group.Key,
                ["packages"] = new JsonArray([.. group.OrderByDescending(p => p.Version).Select(p => (JsonNode)ConsoleJson.Package(p))]),
            });
        }

        var models = await _engine.Store.ListModelsAsync(context.RequestAborted);
        return new JsonObject
        {
            ["groups"] = groups,
            ["models"] = new JsonArray([.. models.Select(m => (JsonNode)ConsoleJson.Model(m))]),
            ["statuses"] = new JsonArray([.. ModelRegistry.ApprovalStatuses.Select(s => (JsonNode)s)]),
        };
    }

    private async Task<JsonNode> ApproveAsync(HttpContext context, JsonElement body)
    {
        var registry = new ModelRegistry(_engine.Store, _engine.Time);
        var arn = Required(body, "arn");
        var status = Required(body, "status");
        if (!ModelRegistry.ApprovalStatuses.Contains(status))
        {
            throw ConsoleProblem.Invalid($"'status' must be one of {string.Join(", ", ModelRegistry.ApprovalStatuses)}.");
        }

        var package = await registry.FindPackageAsync(arn, context.RequestAborted)
            ?? throw ConsoleProblem.NotFound($"There is no model package '{arn}'.");
        var updated = await registry.UpdateAsync(package, new ModelPackageUpdate(status, Text(body, "description"), new Dictionary<string, string>(), []), context.RequestAborted);
        return ConsoleJson.Package(updated);
    }
}
