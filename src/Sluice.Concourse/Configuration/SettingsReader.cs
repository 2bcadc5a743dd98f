using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sluice.Definitions;

namespace Sluice.Concourse.Configuration;

/// <summary>
/// Reads a section of the request (<c>source</c>, <c>params</c>) into its settings type, and turns every problem into
/// a message that names the key: an unknown key (with the nearest known one), or a value of the wrong type.
/// </summary>
internal static class SettingsReader
{
    /// <summary>Reads a section.</summary>
    /// <typeparam name="T">The settings type.</typeparam>
    /// <param name="element">The section, or <see langword="null"/> when the request has none.</param>
    /// <param name="type">The source-generated type information.</param>
    /// <param name="section">The section's name for messages: <c>source</c> or <c>params</c>.</param>
    /// <param name="keys">Every key the section knows, with what its value must be (e.g. <c>a string</c>).</param>
    /// <returns>The settings; an absent or null section reads as an empty object.</returns>
    /// <exception cref="ResourceException">The section is not an object, has an unknown key, or a value of the wrong type.</exception>
    public static T Read<T>(JsonElement? element, JsonTypeInfo<T> type, string section, IReadOnlyDictionary<string, string> keys)
        where T : class, ISettings
    {
        if (element is not { ValueKind: not JsonValueKind.Null } value)
        {
            return JsonSerializer.Deserialize("{}", type)!;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new ResourceException($"{section} must be an object (a map of keys to values), not {Describe(value)}.");
        }

        T settings;
        try
        {
            settings = value.Deserialize(type) ?? throw new ResourceException($"{section} must be an object.");
        }
        catch (JsonException e)
        {
            var key = KeyOf(e.Path);
            var expected = key is not null && keys.TryGetValue(key, out var what) ? $" must be {what}" : " has a value of the wrong type";
            throw new ResourceException($"{section}.{key ?? "?"}{expected}.", e);
        }

        if (settings.UnknownKeys is { Count: > 0 } unknown)
        {
            var name = unknown.Keys.First();
            var nearest = Spelling.Closest(name, keys.Keys);
            var hint = nearest is null ? $"; known keys: {string.Join(", ", keys.Keys)}" : $" (did you mean '{nearest}'?)";
            throw new ResourceException($"{section} has an unknown key '{name}'{hint}.");
        }

        return settings;
    }

    /// <summary>Says what a JSON value is, for messages: <c>a string</c>, <c>a list</c>, ...</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>The top-level key of a JSON path such as <c>$.statuses[0]</c>, or <see langword="null"/>.</summary>
    private static string? KeyOf(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[2..];
        var end = rest.IndexOfAny(['.', '[']);
        return end < 0 ? rest : rest[..end];
    }
}
