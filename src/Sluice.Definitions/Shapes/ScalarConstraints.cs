using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace Sluice.Definitions.Shapes;

/// <summary>A single value's JSON type and the constraints its shape states (length, range, pattern, enum).</summary>
public static class ScalarConstraints
{
    /// <summary>Checks a scalar's JSON type and constraints.</summary>
    /// <returns><see langword="false"/> when the JSON type is wrong; otherwise true, with the failed constraints if any.</returns>
    public static bool Check(Shape shape, JsonElement value, out List<string>? failed)
    {
        failed = null;
        switch (shape.Type)
        {
            case ShapeType.String when value.ValueKind == JsonValueKind.String:
                return Check(shape, value.GetString()!, out failed);
            case ShapeType.Blob when value.ValueKind == JsonValueKind.String:
                var text = value.GetString()!;
                return Base64.IsValid(text, out var bytes) && Range(shape, bytes, ref failed);
            case ShapeType.Integer when value.ValueKind == JsonValueKind.Number:
                return value.TryGetInt32(out var integer) && Range(shape, integer, ref failed);
            case ShapeType.Long when value.ValueKind == JsonValueKind.Number:
                return value.TryGetInt64(out var number) && Range(shape, number, ref failed);
            case ShapeType.Float or ShapeType.Double when value.ValueKind == JsonValueKind.Number:
                return value.TryGetDouble(out var real)
                    && Range(shape, value.TryGetDecimal(out var exact) ? exact : (real > 0 ? decimal.MaxValue : decimal.MinValue), ref failed);
            case ShapeType.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False;
            case ShapeType.Timestamp:
                return value.ValueKind == JsonValueKind.Number
                    || (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, out _));
            default:
                return false;
        }
    }

    /// <summary>A string's constraints, in Coral's order: length, pattern, enum.</summary>
    public static bool Check(Shape shape, string text, out List<string>? failed) => Check(shape, text.AsSpan(), out failed);

    /// <summary>A string's constraints, in Coral's order: length, pattern, enum; the text need not be a string object.</summary>
    /// <param name="shape">The string's shape.</param>
    /// <param name="text">The text.</param>
    /// <param name="failed">The failed constraints' messages, or <see langword="null"/> when none failed.</param>
    /// <param name="anyTextPattern">
    /// Whether the model's pattern <c>.*</c> is read as any text (newlines included), so it is not matched at all.
    /// </param>
    /// <returns>Always <see langword="true"/>: a string is the right JSON type.</returns>
    public static bool Check(Shape shape, ReadOnlySpan<char> text, out List<string>? failed, bool anyTextPattern = false)
    {
        failed = null;
        var length = shape.Max is null && shape.Min is null ? 0 : LengthOf(text);
        if (shape.Max is { } max && length > max.Value)
        {
            (failed ??= []).Add(shape.MaxText!);
        }

        if (shape.Min is { } min && length < min.Value)
        {
            (failed ??= []).Add(shape.MinText!);
        }

        if (shape.Pattern is { } pattern && !(anyTextPattern && pattern.IsAnyText) && !pattern.IsMatch(text))
        {
            (failed ??= []).Add(shape.PatternText!);
        }

        if (shape.EnumValues is not null && !shape.IsEnumValue(text))
        {
            (failed ??= []).Add(shape.EnumText!);
        }

        return true;
    }

    /// <summary>Whether a shape states anything a string's text can break (length, pattern other than any text, enum).</summary>
    /// <param name="shape">The string's shape.</param>
    /// <param name="anyTextPattern">Whether the pattern <c>.*</c> counts as no constraint.</param>
    public static bool ConstrainsText(Shape shape, bool anyTextPattern) =>
        shape.Max is not null || shape.Min is not null || shape.EnumValues is not null
        || (shape.Pattern is { } pattern && !(anyTextPattern && pattern.IsAnyText));

    private static bool Range(Shape shape, decimal value, ref List<string>? failed)
    {
        if (shape.Max is { } max && value > max.Value)
        {
            (failed ??= []).Add(shape.MaxText!);
        }

        if (shape.Min is { } min && value < min.Value)
        {
            (failed ??= []).Add(shape.MinText!);
        }

        return true;
    }

    /// <summary>A string's length in Unicode code points, as the model's length constraints count it.</summary>
    private static int LengthOf(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text.Length;
        }

        var count = 0;
        foreach (var unused in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
