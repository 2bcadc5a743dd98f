using System.Text.Json;

namespace Sluice.Definitions.Expressions.Evaluation;

/// <summary>
/// Equality and ordering of evaluated values for conditions, after Python's operators as the SDK's local executor
/// applies them, without Python's accident that <c>bool</c> is a kind of <c>int</c>.
/// </summary>
internal static class JsonValueComparer
{
    /// <summary>The kinds values are compared by: integers and floats are one kind, <c>true</c> and <c>false</c> another.</summary>
    private enum Kind
    {
        Missing,
        Null,
        Boolean,
        Number,
        String,
        List,
        Object,
    }

    /// <summary>Whether two values are of the same kind (a number is a number whether written as an integer or a float).</summary>
    public static bool SameKind(JsonElement left, JsonElement right) => KindOf(left) == KindOf(right);

    /// <summary>
    /// Deep equality: numbers numerically (<c>1 == 1.0</c>), strings by their characters, lists item by item, objects
    /// member by member in any order. Values of different kinds are not equal.
    /// </summary>
    public static bool AreEqual(JsonElement left, JsonElement right)
    {
        var kind = KindOf(left);
        if (kind != KindOf(right))
        {
            return false;
        }

        switch (kind)
        {
            case Kind.Number:
                return CompareNumbers(left, right) == 0;
            case Kind.String:
                return left.ValueEquals(right.GetString());
            case Kind.Boolean:
                return left.ValueKind == right.ValueKind;
            case Kind.List:
                if (left.GetArrayLength() != right.GetArrayLength())
                {
                    return false;
                }

                using (var l = left.EnumerateArray())
                using (var r = right.EnumerateArray())
                {
                    while (l.MoveNext() && r.MoveNext())
                    {
                        if (!AreEqual(l.Current, r.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case Kind.Object:
                var count = 0;
                foreach (var member in left.EnumerateObject())
                {
                    count++;
                    if (!right.TryGetProperty(member.Name, out var other) || !AreEqual(member.Value, other))
                    {
                        return false;
                    }
                }

                return count == right.EnumerateObject().Count();
            default:
                return true; // null == null
        }
    }

    /// <summary>Orders two numbers, or two strings by Unicode code point as Python does.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <param name="order">
    /// Negative, zero or positive as <paramref name="left"/> is less than, equal to or greater than <paramref name="right"/>.
    /// </param>
    /// <returns>Whether the values can be ordered.</returns>
    public static bool TryCompare(JsonElement left, JsonElement right, out int order)
    {
        order = 0;
        var kind = KindOf(left);
        if (kind != KindOf(right))
        {
            return false;
        }

        switch (kind)
        {
            case Kind.Number:
                order = CompareNumbers(left, right);
                return true;
            case Kind.String:
                order = CompareCodePoints(left.GetString()!, right.GetString()!);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Compares numbers exactly when both are integers, otherwise as doubles.</summary>
    private static int CompareNumbers(JsonElement left, JsonElement right) =>
        !JsonValues.IsFloat(left) && !JsonValues.IsFloat(right)
            ? JsonValues.Integer(left).CompareTo(JsonValues.Integer(right))
            : JsonValues.Double(left).CompareTo(JsonValues.Double(right));

    private static int CompareCodePoints(string left, string right)
    {
        var l = left.EnumerateRunes();
        var r = right.EnumerateRunes();
        while (true)
        {
            var hasLeft = l.MoveNext();
            var hasRight = r.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft ? 1 : hasRight ? -1 : 0;
            }

            var order = l.Current.Value.CompareTo(r.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }

    private static Kind KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => Kind.Null,
        JsonValueKind.True or JsonValueKind.False => Kind.Boolean,
        JsonValueKind.Number => Kind.Number,
        JsonValueKind.String => Kind.String,
        JsonValueKind.Array => Kind.List,
        JsonValueKind.Object => Kind.Object,
        _ => Kind.Missing,
    };
}
