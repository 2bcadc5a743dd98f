using System.Text.Json;
using Sluice.Client.SageMaker;
using Sluice.Concourse.Configuration;

namespace Sluice.Concourse.Put;

/// <summary>
/// The pipeline parameters a put starts an execution with: those of <c>parameters_file</c>, then those of
/// <c>parameters</c>, which win. Values are sent as SageMaker takes them, as text: <c>7</c>, <c>0.5</c>, <c>true</c>.
/// </summary>
internal static class ParameterValues
{
    /// <summary>Merges the file's values and the params' values.</summary>
    /// <param name="fromFile">The file's values, in file order, or <see langword="null"/>.</param>
    /// <param name="fromParams">The <c>parameters</c> map, or <see langword="null"/>.</param>
    /// <returns>The parameters, file order first, then new names in params order.</returns>
    /// <exception cref="ResourceException">A params value is a list, a map or null.</exception>
    public static IReadOnlyList<Parameter> Merge(IReadOnlyList<KeyValuePair<string, string>>? fromFile, Dictionary<string, JsonElement>? fromParams)
    {
        var merged = new List<KeyValuePair<string, string>>(fromFile ?? []);
        foreach (var (name, value) in fromParams ?? [])
        {
            var text = Text(value, $"params.parameters.{name}");
            var at = merged.FindIndex(p => p.Key == name);
            if (at >= 0)
            {
                merged[at] = new(name, text);
            }
            else
            {
                merged.Add(new(name, text));
            }
        }

        return [.. merged.Select(p => new Parameter(p.Key, p.Value))];
    }

    /// <summary>A scalar JSON value as the text SageMaker takes.</summary>
    /// <param name="value">A string, number or boolean.</param>
    /// <param name="key">Where it came from, for messages.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ResourceException">The value is a list, a map or null.</exception>
    public static string Text(JsonElement value, string key) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new ResourceException($"{key} is {SettingsReader.Describe(value)}; a pipeline parameter's value is a string, a number or a boolean."),
    };
}
