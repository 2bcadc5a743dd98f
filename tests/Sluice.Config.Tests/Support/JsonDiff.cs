using System.Text.Json.Nodes;

namespace Sluice.Config.Tests.Support;

/// <summary>The leaves two JSON documents differ at: path, and the value (compact JSON) in each, <c>null</c> where one has none.</summary>
internal static class JsonDiff
{
    public static SortedDictionary<string, (string? Left, string? Right)> Of(JsonNode? left, JsonNode? right)
    {
        var differences = new SortedDictionary<string, (string? Left, string? Right)>(StringComparer.Ordinal);
        Walk(left, right, "$", differences);
        return differences;
    }

    private static void Walk(JsonNode? left, JsonNode? right, string path, SortedDictionary<string, (string? Left, string? Right)> differences)
    {
        switch (left, right)
        {
            case (JsonObject l, JsonObject r):
                foreach (var name in l.Select(m => m.Key).Union(r.Select(m => m.Key)))
                {
                    Walk(l.TryGetPropertyValue(name, out var lv) ? lv ?? JsonValue.Create((string?)null) : null, r.TryGetPropertyValue(name, out var rv) ? rv ?? JsonValue.Create((string?)null) : null, $"{path}.{name}", differences);
                }

                break;
            case (JsonArray l, JsonArray r):
                for (var i = 0; i < Math.Max(l.Count, r.Count); i++)
                {
                    Walk(i < l.Count ? l[i] : null, i < r.Count ? r[i] : null, $"{path}[{i}]", differences);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(left, right))
                {
                    differences[path] = (left?.ToJsonString(), right?.ToJsonString());
                }

                break;
        }
    }
}
