using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Serialization;
using WireParameter = Sluice.Client.SageMaker.Parameter;

namespace Sluice.Sdk.Remote;

/// <summary>
/// Turns the values given to <see cref="Pipeline.StartAsync"/> into <c>PipelineParameters</c>: text as the Python SDK's
/// <c>format_start_parameters</c> makes it (<c>str(value)</c>), checked against the declared parameters first.
/// </summary>
internal static class StartParameters
{
    /// <summary>The kinds of value a caller can give.</summary>
    private enum Kind
    {
        Text,
        Boolean,
        Integer,
        Float,
    }

    /// <summary>The values as <c>{Name, Value}</c> pairs, in the order given.</summary>
    /// <exception cref="ArgumentException">When any value does not fit; every problem is listed.</exception>
    public static IReadOnlyList<WireParameter> Format(Pipeline pipeline, IReadOnlyDictionary<string, object> values)
    {
        var declared = pipeline.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var problems = new List<string>();
        var formatted = new List<WireParameter>();
        foreach (var (name, value) in values)
        {
            if (!declared.TryGetValue(name, out var parameter))
            {
                problems.Add($"'{name}' is not a parameter of pipeline '{pipeline.Name}'; {Declared(pipeline)}");
                continue;
            }

            if (Check(parameter, value, out var text) is { } problem)
            {
                problems.Add(problem);
                continue;
            }

            formatted.Add(new WireParameter(name, text));
        }

        foreach (var parameter in pipeline.Parameters)
        {
            if (!parameter.HasDefault && !values.ContainsKey(parameter.Name))
            {
                problems.Add($"parameter '{parameter.Name}' has no default; give it a value");
            }
        }

        return problems.Count > 0
            ? throw new ArgumentException($"cannot start pipeline '{pipeline.Name}': {string.Join("; ", problems)}", nameof(values))
            : formatted;
    }

    /// <summary>A value's text, or the reason it does not fit the parameter.</summary>
    private static string? Check(Parameter parameter, object? value, out string text)
    {
        text = string.Empty;
        if (ToText(value) is not var (valueText, kind))
        {
            return $"parameter '{parameter.Name}' takes a string, a Boolean or a number; {Describe(value)} is not one";
        }

        var fits = parameter switch
        {
            ParameterBoolean => kind is Kind.Text or Kind.Boolean,
            ParameterInteger => kind is Kind.Text or Kind.Integer,
            ParameterFloat => kind is Kind.Text or Kind.Integer or Kind.Float,
            _ => true,
        };
        if (!fits)
        {
            var article = parameter.ParameterType == "Integer" ? "an" : "a";
            return $"parameter '{parameter.Name}' is {article} {parameter.ParameterType}; {valueText} ({value!.GetType().Name}) is not";
        }

        if (parameter is ParameterString { EnumValues: { Count: > 0 } allowed } && !allowed.Contains(valueText, StringComparer.Ordinal))
        {
            return $"parameter '{parameter.Name}' must be one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}; '{valueText}' is not";
        }

        text = valueText;
        return null;
    }

    /// <summary>Python's <c>str(value)</c> for the values a caller can give: <c>True</c>/<c>False</c>, integers as they are, floats as <c>repr</c>.</summary>
    private static (string Text, Kind Kind)? ToText(object? value) => value switch
    {
        string s => (s, Kind.Text),
        bool b => (b ? "True" : "False", Kind.Boolean),
        sbyte or byte or short or ushort or int or uint or long or ulong or Int128 or UInt128 or BigInteger =>
            (((IFormattable)value).ToString(null, CultureInfo.InvariantCulture), Kind.Integer),
        float f when float.IsFinite(f) => (Json.Compact(JsonValue.Create(f)), Kind.Float),
        double d when double.IsFinite(d) => (Json.Compact(JsonValue.Create(d)), Kind.Float),
        decimal m => (m.ToString(CultureInfo.InvariantCulture), Kind.Float),
        _ => null,
    };

    private static string Describe(object? value) => value switch
    {
        null => "null",
        float or double => $"{Convert.ToString(value, CultureInfo.InvariantCulture)} (not finite)",
        _ => $"a {value.GetType().Name}",
    };

    private static string Declared(Pipeline pipeline) => pipeline.Parameters.Count == 0
        ? "it declares no parameters"
        : $"its parameters are {string.Join(", ", pipeline.Parameters.Select(p => p.Name))}";
}
