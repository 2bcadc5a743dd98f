using System.Text.Json;

namespace Sluice.Core.Execution;

/// <summary>Small helpers for the JSON values the engine passes around.</summary>
internal static class Json
{
    /// <summary>Parses JSON text into an element that owns its memory.</summary>
    public static JsonElement Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>A value as text: strings as they are, other values as JSON.</summary>
    public static string ToText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Undefined or JsonValueKind.Null => string.Empty,
        _ => value.GetRawText(),
    };

    /// <summary>Writes a string as a JSON string literal, escaped as the definition writer escapes (quotes as <c>\"</c>, non-ASCII as <c>\uXXXX</c>).</summary>
    public static string Quote(string text) => Sluice.Definitions.DefinitionWriter.Quote(text);
}
