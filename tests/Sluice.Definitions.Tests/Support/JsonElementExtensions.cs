using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.Definitions.Tests.Support;

/// <summary>Lets tests index into the model's read-only <see cref="JsonElement"/> values like a <see cref="JsonNode"/>.</summary>
internal static class JsonElementExtensions
{
    public static JsonNode? Node(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Undefined ? null : JsonNode.Parse(element.GetRawText());

    public static JsonNode? Node(this JsonElement? element) => element is { } e ? e.Node() : null;
}
