using System.Text.Json.Nodes;
using Sluice.Config.Reading;
using Sluice.Config.Shared;
using Sluice.Sdk.Expressions;

namespace Sluice.Config.Factories;

/// <summary>The values job steps take from the shared configuration when their own configuration does not give them.</summary>
internal static class Fallbacks
{
    public static PipelineValue ImageUri(ConfigSection section, SharedConfig shared) =>
        section.OptionalValue("image_uri") ?? shared.Defaults.ImageUri ?? throw section.Missing("image_uri", "or set defaults.image_uri in the shared configuration");

    public static PipelineValue Role(ConfigSection section, SharedConfig shared) =>
        section.OptionalValue("role") ?? (PipelineValue?)shared.RoleArn ?? throw section.Missing("role", "or set role_arn in the shared configuration");

    public static PipelineValue InstanceType(ConfigSection section, SharedConfig shared) =>
        section.OptionalValue("instance_type") ?? shared.Defaults.InstanceType
            ?? throw section.Missing("instance_type", "or set defaults.instance_type in the shared configuration");

    public static PipelineValue InstanceCount(ConfigSection section, SharedConfig shared) =>
        section.OptionalValue("instance_count", ValueKind.Integer) ?? shared.Defaults.InstanceCount ?? 1;

    public static PipelineValue VolumeSizeInGB(ConfigSection section, SharedConfig shared) =>
        section.OptionalValue("volume_size_in_gb", ValueKind.Integer) ?? shared.Defaults.VolumeSizeInGB ?? 30;

    public static PipelineValue? MaxRuntimeInSeconds(ConfigSection section, SharedConfig shared) =>
        section.OptionalValue("max_runtime_in_seconds", ValueKind.Integer) ?? shared.Defaults.MaxRuntimeInSeconds;

    /// <summary>The shared tags with the step's own <c>tags</c> over them, in order.</summary>
    public static OrderedDictionary<string, string> Tags(ConfigSection section, SharedConfig shared)
    {
        var tags = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in shared.Tags.Concat(section.TextMap("tags")))
        {
            tags[key] = value;
        }

        return tags;
    }

    /// <summary>Entries in order, as the SDK's dictionaries keep them.</summary>
    public static OrderedDictionary<string, PipelineValue> Ordered(IEnumerable<KeyValuePair<string, PipelineValue>> entries)
    {
        var ordered = new OrderedDictionary<string, PipelineValue>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            ordered[key] = value;
        }

        return ordered;
    }

    /// <summary>The text of a literal string value; <see langword="null"/> for references and other literals.</summary>
    public static string? LiteralText(PipelineValue? value) =>
        value?.ToJson() is JsonValue json && json.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Whether text is an <c>s3://</c> URI.</summary>
    public static bool IsS3(string text) => text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);

    /// <summary>A local path as the SDK reads it: <c>file://</c> stripped, relative to the working directory.</summary>
    public static string LocalPath(string text) =>
        text.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? Uri.UnescapeDataString(text["file://".Length..]) : text;
}
