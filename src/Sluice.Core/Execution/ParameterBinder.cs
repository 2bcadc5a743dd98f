using System.Globalization;
using System.Text.Json;
using Sluice.Core.Storage;
using Sluice.Definitions;

namespace Sluice.Core.Execution;

/// <summary>The parameters of one execution: typed values for evaluation, and their text for the API.</summary>
/// <param name="Values">Each parameter's typed value (a JSON string, number or boolean).</param>
/// <param name="Texts">Each parameter's value as text, in declaration order.</param>
public sealed record BoundParameters(IReadOnlyDictionary<string, JsonElement> Values, IReadOnlyList<ParameterValue> Texts);

/// <summary>Thrown when the values given at start do not fit the pipeline's parameters.</summary>
public sealed class ParameterBindingException : Exception
{
    /// <summary>Creates the exception with every problem found.</summary>
    /// <param name="problems">One line per problem.</param>
    public ParameterBindingException(IReadOnlyList<string> problems)
        : base(string.Join("; ", problems)) => Problems = problems;

    /// <summary>Creates the exception with a message.</summary>
    public ParameterBindingException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ParameterBindingException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ParameterBindingException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    /// <summary>Each problem, e.g. "parameter 'Threshold' is a Float; 'abc' is not a number".</summary>
    public IReadOnlyList<string> Problems { get; }
}

/// <summary>
/// Binds the name/value pairs given at start to a definition's parameters: defaults fill the rest, values are
/// converted to the declared type (Booleans accept true/false in any case, as the Python SDK sends "True"), and
/// unknown names, missing required values, wrong types and values outside EnumValues are refused before anything runs.
/// </summary>
public static class ParameterBinder
{
    /// <summary>Binds values to a definition's parameters.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="given">The values given at start, as text.</param>
    /// <returns>The bound parameters.</returns>
    /// <exception cref="ParameterBindingException">When any value does not fit; every problem is listed.</exception>
    public static BoundParameters Bind(PipelineDefinition definition, IReadOnlyList<ParameterValue> given)
    {
        var problems = new List<string>();
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            if (definition.FindParameter(name) is null)
            {
                problems.Add($"'{name}' is not a parameter of this pipeline{Spelling.Hint(name, definition.Parameters.Select(p => p.Name))}");
            }
            else if (!byName.TryAdd(name, value))
            {
                problems.Add($"parameter '{name}' is given twice");
            }
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var texts = new List<ParameterValue>();
        foreach (var parameter in definition.Parameters)
        {
            JsonElement value;
            string? sent = null;
            if (byName.TryGetValue(parameter.Name, out var text))
            {
                if (!TryConvert(parameter, text, out value, out var problem))
                {
                    problems.Add(problem);
                    continue;
                }

                sent = text;
            }
            else if (parameter.DefaultValue is { } defaultValue)
            {
                value = defaultValue;
            }
            else
            {
                problems.Add($"parameter '{parameter.Name}' has no default; give it a value");
                continue;
            }

            values[parameter.Name] = value;
            texts.Add(new ParameterValue(parameter.Name, sent ?? ToText(value))); // as sent ("False" stays "False"), as SageMaker lists it
        }

        return problems.Count > 0 ? throw new ParameterBindingException(problems) : new BoundParameters(values, texts);
    }

    /// <summary>A typed value as ListPipelineParametersForExecution shows it.</summary>
    internal static string ToText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static bool TryConvert(ParameterDefinition parameter, string text, out JsonElement value, out string problem)
    {
        problem = string.Empty;
        string? json = parameter.Type switch
        {
            ParameterType.String => JsonSerializer.Serialize(text, CoreJsonContext.Default.String),
            ParameterType.Integer => long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? l.ToString(CultureInfo.InvariantCulture) : null,
            ParameterType.Float => double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                ? DefinitionWriter.PythonFloat(d) : null,
            ParameterType.Boolean => bool.TryParse(text.Trim(), out var b) ? (b ? "true" : "false") : null,
            _ => null,
        };

        if (json is null)
        {
            value = default;
            problem = $"parameter '{parameter.Name}' is {(parameter.Type == ParameterType.Integer ? "an" : "a")} {parameter.Type}; '{text}' is not";
            return false;
        }

        if (parameter.EnumValues is { } allowed && !allowed.Contains(text, StringComparer.Ordinal))
        {
            value = default;
            problem = $"parameter '{parameter.Name}' must be one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}; '{text}' is not";
            return false;
        }

        using var document = JsonDocument.Parse(json);
        value = document.RootElement.Clone();
        return true;
    }
}
