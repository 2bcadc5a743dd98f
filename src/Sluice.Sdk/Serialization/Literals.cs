using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;

namespace Sluice.Sdk.Serialization;

/// <summary>Looks inside literal values.</summary>
internal static class Literals
{
    /// <summary>The text of a string literal; <see langword="null"/> for variables and other literals.</summary>
    public static string? AsString(this PipelineValue? value) =>
        value is PipelineLiteral { Value: JsonValue json } && json.GetValueKind() == JsonValueKind.String ? json.GetValue<string>() : null;

    /// <summary>
    /// A value as a string, as the Python SDK's <c>to_string</c> makes one: numbers and Booleans become their text
    /// (<c>200</c> → <c>"200"</c>, <c>0.1</c> → <c>"0.1"</c>), variables their <c>ToStringExpression()</c>, strings stay.
    /// </summary>
    public static PipelineValue ToStringValue(this PipelineValue value) => value switch
    {
        PipelineVariable variable => variable.ToStringExpression(),
        _ => AsText(value),
    };

    /// <summary>A literal number or Boolean as its text (Python's <c>str</c>: <c>True</c>/<c>False</c> for Booleans when <paramref name="pythonBooleans"/>); other values unchanged.</summary>
    public static PipelineValue AsText(this PipelineValue value, bool pythonBooleans = false)
    {
        if (value is not PipelineLiteral { Value: JsonValue json })
        {
            return value;
        }

        return json.GetValueKind() switch
        {
            JsonValueKind.Number => Json.Compact(json),
            JsonValueKind.True => pythonBooleans ? "True" : "true",
            JsonValueKind.False => pythonBooleans ? "False" : "false",
            _ => value,
        };
    }
}
