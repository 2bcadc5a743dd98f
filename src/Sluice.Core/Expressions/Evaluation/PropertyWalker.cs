using System.Text;
using System.Text.Json;

namespace Sluice.Definitions.Expressions.Evaluation;

/// <summary>
/// Follows a <see cref="PropertyPath"/> into a JSON value: <c>.Name</c> reads a member, <c>[n]</c> a list item, and
/// <c>['key']</c> a member of an object or, in step properties, the item of a list that a <c>...Name</c> member names.
/// </summary>
internal static class PropertyWalker
{
    private const int MaxNamesShown = 10;

    /// <summary>Follows <paramref name="segments"/> from <paramref name="root"/>.</summary>
    /// <param name="root">Where the walk starts.</param>
    /// <param name="segments">The path.</param>
    /// <param name="keyedListItems">
    /// Whether <c>['key']</c> on a list picks the item with a member whose name ends in <c>Name</c> (<c>OutputName</c>,
    /// <c>MetricName</c>, <c>ChannelName</c>, ...) equal to the key: how the SDK addresses
    /// <c>ProcessingOutputConfig.Outputs['train']</c> and <c>FinalMetricDataList['mse']</c> in Describe responses.
    /// </param>
    /// <param name="value">The value found.</param>
    /// <param name="reason">Why nothing was found, naming the part of the path walked so far ("the top level" before any).</param>
    /// <returns>Whether the path leads to a value.</returns>
    public static bool TryWalk(
        JsonElement root,
        IReadOnlyList<PropertyPathSegment> segments,
        bool keyedListItems,
        out JsonElement value,
        out string? reason)
    {
        var current = root;
        var walked = new StringBuilder();
        reason = null;
        value = default;
        foreach (var segment in segments)
        {
            var at = walked.Length == 0 ? "the top level" : walked.ToString();
            if (!TryStep(current, segment, keyedListItems, at, out current, out reason))
            {
                return false;
            }

            if (segment is PropertyPathSegment.Member && walked.Length > 0)
            {
                walked.Append('.');
            }

            walked.Append(segment);
        }

        value = current;
        return true;
    }

    private static bool TryStep(
        JsonElement current,
        PropertyPathSegment segment,
        bool keyedListItems,
        string at,
        out JsonElement next,
        out string? reason)
    {
        next = default;
        reason = null;
        switch (segment)
        {
            case PropertyPathSegment.Member member:
                if (current.ValueKind != JsonValueKind.Object)
                {
                    reason = $"{at} is {JsonValues.Kind(current)}, not an object with members";
                    return false;
                }

                if (!current.TryGetProperty(member.Name, out next))
                {
                    reason = $"{at} has no member '{member.Name}'";
                    return false;
                }

                return true;
            case PropertyPathSegment.Index index:
                if (current.ValueKind != JsonValueKind.Array)
                {
                    reason = $"{at} is {JsonValues.Kind(current)}, not a list";
                    return false;
                }

                var length = current.GetArrayLength();
                if (index.Position >= length)
                {
                    reason = $"index {index.Position} is out of range: {at} has {length} item{(length == 1 ? string.Empty : "s")}";
                    return false;
                }

                next = current[index.Position];
                return true;
            case PropertyPathSegment.Key key:
                return TryKey(current, key.Value, keyedListItems, at, out next, out reason);
            default:
                reason = $"'{segment}' is not a path segment";
                return false;
        }
    }

    private static bool TryKey(JsonElement current, string key, bool keyedListItems, string at, out JsonElement next, out string? reason)
    {
        reason = null;
        if (current.ValueKind == JsonValueKind.Object)
        {
            if (current.TryGetProperty(key, out next))
            {
                return true;
            }

            reason = $"{at} has no key '{key}'";
            return false;
        }

        next = default;
        if (current.ValueKind != JsonValueKind.Array || !keyedListItems)
        {
            reason = $"{at} is {JsonValues.Kind(current)}, not an object with keys";
            return false;
        }

        var names = new List<string>();
        foreach (var item in current.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var member in item.EnumerateObject())
            {
                if (member.Name.EndsWith("Name", StringComparison.Ordinal) && member.Value.ValueKind == JsonValueKind.String)
                {
                    var name = member.Value.GetString()!;
                    if (string.Equals(name, key, StringComparison.Ordinal))
                    {
                        next = item;
                        return true;
                    }

                    names.Add(name);
                }
            }
        }

        reason = names.Count == 0
            ? $"{at} has no item named '{key}': it has no named items"
            : $"{at} has no item named '{key}'; it has {string.Join(", ", names.Take(MaxNamesShown).Select(n => "'" + n + "'"))}"
                + (names.Count > MaxNamesShown ? ", ..." : string.Empty);
        return false;
    }
}
