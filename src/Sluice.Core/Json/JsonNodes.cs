using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.Core;

/// <summary>Small, allocation-free checks on <see cref="JsonNode"/> values.</summary>
internal static class JsonNodes
{
    public static bool TryGetString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        value = string.Empty;
        return false;
    }

    public static bool TryGetBoolean(JsonNode? node, out bool value)
    {
        value = false;
        if (node is not JsonValue v)
        {
            return false;
        }

        switch (v.GetValueKind())
        {
            case JsonValueKind.True:
                value = true;
                return true;
            case JsonValueKind.False:
                return true;
            default:
                return false;
        }
    }

    public static bool TryGetNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value);
    }

    /// <summary>Whether a node is a JSON number with no fraction, as Integer values are written.</summary>
    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue<JsonElement>(out var element))
        {
            return element.TryGetInt64(out value);
        }

        if (v.TryGetValue(out value))
        {
            return true;
        }

        if (v.TryGetValue<double>(out var d) && Math.Abs(d % 1) == 0 && Math.Abs(d) < 9e15)
        {
            value = (long)d;
            return true;
        }

        return false;
    }
}
