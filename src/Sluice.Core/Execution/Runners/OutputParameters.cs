using System.Globalization;
using System.Text;
using System.Text.Json;
using Sluice.Definitions;

namespace Sluice.Core.Steps;

/// <summary>
/// Turns the outputs a Lambda function or a callback consumer returned into the step's typed OutputParameters, as
/// SageMaker does: each declared output must be present; nested values become JSON strings; numbers and booleans must
/// fit the declared type.
/// </summary>
internal static class OutputParameters
{
    /// <summary>Converts returned values (a JSON object of name → value) to typed outputs.</summary>
    /// <returns>The properties JSON (<c>{"OutputParameters": {...}}</c>), the metadata list (<c>[{"Name","Value"}]</c>) and a problem, if any.</returns>
    public static (JsonElement Properties, JsonElement List, string? Problem) Convert(
        IReadOnlyList<OutputParameterDefinition> declared,
        IReadOnlyDictionary<string, JsonElement> returned,
        string source)
    {
        var properties = new StringBuilder("{\"OutputParameters\": {");
        var list = new StringBuilder("[");
        var first = true;
        foreach (var output in declared)
        {
            if (!returned.TryGetValue(output.Name, out var value))
            {
                var names = returned.Count == 0 ? "nothing" : string.Join(", ", returned.Keys.Select(k => $"'{k}'"));
                return (default, default, $"{source} returned no '{output.Name}' output (it returned {names})");
            }

            if (Typed(value, output.Type) is not { } typed)
            {
                return (default, default,
                    $"{source} returned {value.GetRawText()} for output '{output.Name}', which is declared {output.Type}");
            }

            properties.Append(first ? string.Empty : ", ").Append(Json.Quote(output.Name)).Append(": ").Append(typed);
            list.Append(first ? string.Empty : ", ").Append("{\"Name\": ").Append(Json.Quote(output.Name))
                .Append(", \"Value\": ").Append(Json.Quote(Json.ToText(Json.Parse(typed)))).Append('}');
            first = false;
        }

        return (Json.Parse(properties.Append("}}").ToString()), Json.Parse(list.Append(']').ToString()), null);
    }

    /// <summary>The JSON of a value converted to a declared type, or <see langword="null"/> when it does not fit.</summary>
    private static string? Typed(JsonElement value, ParameterType type)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        return type switch
        {
            ParameterType.String => Json.Quote(value.ValueKind switch
            {
                JsonValueKind.String => text!,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null => string.Empty,
                _ => value.GetRawText(), // numbers as written; objects and lists as JSON strings
            }),
            ParameterType.Integer => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture)
                : text is not null && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n) ? n.ToString(CultureInfo.InvariantCulture)
                : null,
            ParameterType.Float => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) ? DefinitionWriter.PythonFloat(d)
                : text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out d) && double.IsFinite(d) ? DefinitionWriter.PythonFloat(d)
                : null,
            ParameterType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetRawText()
                : text is not null && bool.TryParse(text, out var b) ? (b ? "true" : "false")
                : null,
            _ => null,
        };
    }
}
