using System.Globalization;
using System.Text.Json;
using Sluice.Definitions;

namespace Sluice.Definitions.Expressions.Evaluation;

/// <summary>
/// Turns evaluated values into text the way the SDK's local executor does for <c>Std:Join</c>: it calls Python's
/// <c>str()</c> on every value (<c>local/pipeline.py</c>, <c>_evaluate_join_function</c>).
/// </summary>
public static class PythonText
{
    /// <summary>Stringifies a value as Python's <c>str()</c> does on the value <c>json.loads</c> would give.</summary>
    /// <param name="value">The value.</param>
    /// <param name="text">
    /// Strings as they are; integers as their digits (<c>30</c>); floats as Python prints them (<c>6.0</c>, <c>1e-05</c>,
    /// <c>1e+16</c>, <c>inf</c>); booleans as <c>True</c> and <c>False</c>.
    /// </param>
    /// <param name="error">
    /// Why the value has no text: null (the SDK fails a step on a value that is <c>None</c>, "... is undefined"),
    /// a list or an object (Python would print its <c>repr</c>, which no job can use).
    /// </param>
    /// <returns>Whether the value has a text.</returns>
    public static bool TryStr(JsonElement value, out string text, out string? error)
    {
        error = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                text = value.GetString()!;
                return true;
            case JsonValueKind.Number:
                text = Number(value);
                return true;
            case JsonValueKind.True:
                text = "True";
                return true;
            case JsonValueKind.False:
                text = "False";
                return true;
            default:
                text = string.Empty;
                error = value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
                    ? "is null, and a missing value cannot be joined"
                    : $"is {JsonValues.Kind(value)} ({JsonValues.Compact(value)}); only strings, numbers and booleans can be joined";
                return false;
        }
    }

    /// <summary>A JSON number as Python prints the <c>int</c> or <c>float</c> that <c>json.loads</c> reads it as.</summary>
    public static string Number(JsonElement number)
    {
        if (!JsonValues.IsFloat(number))
        {
            return JsonValues.Integer(number).ToString(CultureInfo.InvariantCulture);
        }

        var d = JsonValues.Double(number);
        return double.IsInfinity(d) ? (d > 0 ? "inf" : "-inf") : DefinitionWriter.PythonFloat(d);
    }
}
