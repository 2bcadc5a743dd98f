using System.Text;
using System.Text.Json;
using Sluice.Definitions.Shapes;

namespace Sluice.Server.Api.Validation;

/// <summary>
/// The wording of the errors SageMaker's and SQS's request layer (Coral) answers, e.g.
/// <c>1 validation error detected: Value 'a b' at 'pipelineName' failed to satisfy constraint: …</c>.
/// </summary>
internal static class CoralText
{
    /// <summary>How many violations one message lists; the count in its first words is always the total.</summary>
    public const int MaxListed = 10;

    /// <summary>How much of a value is echoed; a longer one (a definition over the limit) is cut, ending in "...".</summary>
    public const int MaxEchoed = 4096;

    /// <summary>The message of a ValidationException listing <paramref name="violations"/>.</summary>
    public static string Summary(IReadOnlyList<string> violations)
    {
        var text = new StringBuilder();
        text.Append(violations.Count).Append(violations.Count == 1 ? " validation error detected: " : " validation errors detected: ");
        text.AppendJoin("; ", violations.Take(MaxListed));
        if (violations.Count > MaxListed)
        {
            text.Append("; and ").Append(violations.Count - MaxListed).Append(" more");
        }

        return text.ToString();
    }

    /// <summary>One violation: <c>Value 'x' at 'path' failed to satisfy constraint: constraint</c>.</summary>
    /// <param name="value">The value as echoed (<c>'x'</c>, <c>null</c>), or <see langword="null"/> to leave it out.</param>
    /// <param name="path">The member's path.</param>
    /// <param name="constraint">What the value fails.</param>
    public static string Violation(string? value, string path, string constraint) =>
        value is null
            ? $"Value at '{path}' failed to satisfy constraint: {constraint}"
            : $"Value {value} at '{path}' failed to satisfy constraint: {constraint}";

    /// <summary>Coral's wording for a list, map key or map value whose items fail: every constraint of the item shape.</summary>
    public static string Nested(string prefix, IEnumerable<string> constraints) =>
        prefix + " must satisfy constraint: [" + string.Join(", ", constraints) + "]";

    /// <summary>A string value as Coral echoes it: in single quotes, unescaped.</summary>
    public static string Quoted(string text) => "'" + Cut(text) + "'";

    /// <summary>
    /// A value as Coral echoes it, or <see langword="null"/> when it is not echoed: scalars in quotes, a list of scalars
    /// as Java prints one (<c>'[a, b]'</c>), a map of scalars likewise (<c>'{k=v}'</c>); structures, and lists or maps
    /// holding them, are left out, since Coral prints them as Java object names that say nothing.
    /// </summary>
    public static string? Echo(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return "null";
            case JsonValueKind.Object or JsonValueKind.Array:
                var text = new StringBuilder();
                return AppendScalars(text, value) ? Quoted(text.ToString()) : null;
            default:
                return Quoted(ScalarText(value));
        }
    }

    /// <summary>The words Coral uses for a JSON value of the wrong type.</summary>
    public static string Mismatch(JsonElement value, ShapeType expected) => value.ValueKind switch
    {
        JsonValueKind.Array => "Start of list found where not expected",
        JsonValueKind.Object => "Start of structure or map found where not expected",
        _ when expected == ShapeType.List => "Expected list or null",
        _ => $"{Found(value)} can not be converted to {Article(expected)}",
    };

    private static bool AppendScalars(StringBuilder text, JsonElement value)
    {
        var first = true;
        if (value.ValueKind == JsonValueKind.Array)
        {
            text.Append('[');
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    return false;
                }

                text.Append(first ? string.Empty : ", ").Append(ScalarText(item));
                first = false;
            }

            text.Append(']');
            return true;
        }

        text.Append('{');
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return false;
            }

            text.Append(first ? string.Empty : ", ").Append(entry.Name).Append('=').Append(ScalarText(entry.Value));
            first = false;
        }

        text.Append('}');
        return true;
    }

    private static string ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };

    private static string Cut(string text) => text.Length > MaxEchoed ? string.Concat(text.AsSpan(0, MaxEchoed), "...") : text;

    private static string Found(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "STRING_VALUE",
        JsonValueKind.Number => "NUMBER_VALUE",
        JsonValueKind.True => "TRUE_VALUE",
        JsonValueKind.False => "FALSE_VALUE",
        _ => "NULL_VALUE",
    };

    private static string Article(ShapeType type) => type switch
    {
        ShapeType.Integer => "an Integer",
        _ => "a " + type,
    };
}
