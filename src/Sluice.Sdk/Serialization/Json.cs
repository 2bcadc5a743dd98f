using System.Text.Json.Nodes;
using Sluice.Definitions;
using Sluice.Sdk.Expressions;

namespace Sluice.Sdk.Serialization;

/// <summary>Helpers that build request dictionaries the way the Python SDK builds them: members in order, unset ones left out.</summary>
internal static class Json
{
    /// <summary>Writes JSON as the Python SDK's <c>json.dumps</c> does.</summary>
    public static string Compact(JsonNode? node) => DefinitionWriter.Write(node);

    /// <summary>Adds a member when the value is set.</summary>
    public static JsonObject Put(this JsonObject target, string name, JsonNode? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }

        return target;
    }

    /// <summary>Adds a value's JSON when the value is set.</summary>
    public static JsonObject Put(this JsonObject target, string name, PipelineValue? value, BuildContext context) =>
        value is null ? target : target.Put(name, value.Write(context) ?? JsonValue.Create((string?)null));

    /// <summary>Adds a string when it is set.</summary>
    public static JsonObject Put(this JsonObject target, string name, string? value) =>
        value is null ? target : target.Put(name, JsonValue.Create(value));

    /// <summary>Adds a number when it is set.</summary>
    public static JsonObject Put(this JsonObject target, string name, int? value) =>
        value is null ? target : target.Put(name, JsonValue.Create(value.Value));

    /// <summary>Adds a Boolean when it is set.</summary>
    public static JsonObject Put(this JsonObject target, string name, bool? value) =>
        value is null ? target : target.Put(name, JsonValue.Create(value.Value));

    /// <summary>A list of values.</summary>
    public static JsonArray Array(IEnumerable<PipelineValue> values, BuildContext context) =>
        [.. values.Select(v => v.Write(context))];

    /// <summary>A list of strings.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];

    /// <summary>A map of values, in its order.</summary>
    public static JsonObject Map(IEnumerable<KeyValuePair<string, PipelineValue>> values, BuildContext context)
    {
        var map = new JsonObject();
        foreach (var (key, value) in values)
        {
            map[key] = value.Write(context);
        }

        return map;
    }

    /// <summary>A map of strings, in its order.</summary>
    public static JsonObject StringMap(IEnumerable<KeyValuePair<string, string>> values)
    {
        var map = new JsonObject();
        foreach (var (key, value) in values)
        {
            map[key] = value;
        }

        return map;
    }
}
