using System.Text.Json;

namespace Sluice.Definitions.Json;

/// <summary>Small, allocation-free reads of <see cref="JsonElement"/> values that may be absent.</summary>
public static class JsonElements
{
    /// <summary>A member of an object; <see langword="null"/> when the element is not an object or has no such member.</summary>
    public static JsonElement? Member(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    /// <summary>A member of an object that may itself be absent.</summary>
    public static JsonElement? Member(this JsonElement? element, string name) => element?.Member(name);

    /// <summary>Whether a member is absent or JSON <c>null</c>.</summary>
    public static bool IsNullOrMissing(this JsonElement? element) => element is not { ValueKind: not JsonValueKind.Null };

    /// <summary>Whether an element is a JSON string, and its text (empty when it is not).</summary>
    public static bool TryGetString(this JsonElement? element, out string value)
    {
        if (element is { ValueKind: JsonValueKind.String } e)
        {
            value = e.GetString()!;
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary>Whether an element is JSON <c>true</c> or <c>false</c>, and which.</summary>
    public static bool TryGetBoolean(this JsonElement? element, out bool value)
    {
        value = element is { ValueKind: JsonValueKind.True };
        return element is { ValueKind: JsonValueKind.True or JsonValueKind.False };
    }

    /// <summary>Whether an element is a JSON number that a double holds; <c>1e999</c> is not (it would read as infinity).</summary>
    public static bool TryGetNumber(this JsonElement? element, out double value)
    {
        value = 0;
        return element is { ValueKind: JsonValueKind.Number } e && e.TryGetDouble(out value) && double.IsFinite(value);
    }

    /// <summary>Whether an element is a JSON number with no fraction, as Integer values are written.</summary>
    public static bool TryGetInteger(this JsonElement? element, out long value)
    {
        value = 0;
        return element is { ValueKind: JsonValueKind.Number } e && e.TryGetInt64(out value);
    }

    /// <summary>The number of members of an object, counting no further than <paramref name="limit"/>.</summary>
    public static int CountMembers(this JsonElement element, int limit)
    {
        var count = 0;
        foreach (var _ in element.EnumerateObject())
        {
            if (++count >= limit)
            {
                break;
            }
        }

        return count;
    }

    /// <summary>A short description of a value's kind for messages: "a string", "a list", "null".</summary>
    public static string Describe(this JsonElement? element) => element?.ValueKind switch
    {
        null => "nothing",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "a value",
    };

    /// <summary>A scalar as written in JSON (<c>"Double"</c>, <c>1.5</c>), or its kind for objects and lists.</summary>
    public static string Show(this JsonElement? element) =>
        element is { ValueKind: JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } e
            ? e.GetRawText()
            : element.Describe();
}
