using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Core.Storage;
using Sluice.Definitions;

namespace Sluice.Server.Console;

/// <summary>The console API's JSON shapes of the engine's records. Text goes out as JSON strings; the pages show it as text only.</summary>
internal static class ConsoleJson
{
    /// <summary>An instant as ISO 8601, or null.</summary>
    public static JsonNode? Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Stored JSON text as a JSON value (a string when it does not parse), or null.</summary>
    public static JsonNode? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>An execution.</summary>
    public static JsonObject Execution(ExecutionRecord e) => new()
    {
        ["arn"] = e.Arn,
        ["id"] = e.ExecutionId,
        ["pipeline"] = e.PipelineName,
        ["version"] = e.PipelineVersion,
        ["status"] = e.Status.ToString(),
        ["failureReason"] = e.FailureReason,
        ["displayName"] = e.DisplayName,
        ["description"] = e.Description,
        ["parameters"] = new JsonArray([.. e.Parameters.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["value"] = p.Value })]),
        ["selective"] = Parse(e.SelectiveExecutionJson),
        ["created"] = Time(e.CreationTime),
        ["modified"] = Time(e.LastModifiedTime),
    };

    /// <summary>A step; with its properties and job state when <paramref name="full"/>.</summary>
    public static JsonObject Step(StepRecord s, bool full = false)
    {
        var json = new JsonObject
        {
            ["name"] = s.StepName,
            ["type"] = s.StepType,
            ["status"] = s.Status.ToString(),
            ["start"] = Time(s.StartTime),
            ["end"] = Time(s.EndTime),
            ["attempts"] = s.AttemptCount,
            ["failureReason"] = s.FailureReason,
            ["metadata"] = Parse(s.MetadataJson),
            ["cacheSource"] = s.CacheSourceExecutionArn,
            ["selectiveSource"] = s.SelectiveSourceExecutionArn,
            ["nextAttempt"] = Time(s.NextAttemptTime),
        };
        if (full)
        {
            json["properties"] = Parse(s.PropertiesJson);
            json["job"] = Parse(s.JobJson);
        }

        return json;
    }

    /// <summary>A pipeline version.</summary>
    public static JsonObject Pipeline(PipelineRecord p) => new()
    {
        ["name"] = p.Name,
        ["arn"] = p.Arn,
        ["version"] = p.Version,
        ["displayName"] = p.DisplayName,
        ["description"] = p.Description,
        ["versionDisplayName"] = p.VersionDisplayName,
        ["created"] = Time(p.CreationTime),
        ["modified"] = Time(p.LastModifiedTime),
    };

    /// <summary>A parameter of a definition, for the start form.</summary>
    public static JsonObject Parameter(ParameterDefinition p) => new()
    {
        ["name"] = p.Name,
        ["type"] = p.Type.ToString(),
        ["default"] = p.DefaultValue is { } value ? JsonNode.Parse(value.GetRawText()) : null,
        ["enum"] = p.EnumValues is { } values ? new JsonArray([.. values.Select(v => (JsonNode)v)]) : null,
    };

    /// <summary>A model package.</summary>
    public static JsonObject Package(ModelPackageRecord p) => new()
    {
        ["group"] = p.GroupName,
        ["version"] = p.Version,
        ["arn"] = p.Arn,
        ["approval"] = p.ApprovalStatus,
        ["created"] = Time(p.CreationTime),
        ["modified"] = Time(p.LastModifiedTime),
        ["describe"] = Parse(p.DescribeJson),
    };

    /// <summary>A model (CreateModel, as a Model step makes it).</summary>
    public static JsonObject Model(ModelRecord m) => new()
    {
        ["name"] = m.Name,
        ["arn"] = m.Arn,
        ["created"] = Time(m.CreationTime),
        ["describe"] = Parse(m.DescribeJson),
    };
}
