using System.Text.Json.Nodes;

namespace Sluice.Sdk.Training;

/// <summary>A metric read from a training job's log: <c>{"Name", "Regex"}</c>; the first group of the regular expression is the value.</summary>
/// <param name="Name">The metric's name, e.g. <c>validation:mse</c>.</param>
/// <param name="Regex">The regular expression, e.g. <c>validation mse: ([0-9\.]+)</c>.</param>
public sealed record MetricDefinition(string Name, string Regex)
{
    /// <summary>The definition as the request writes it.</summary>
    /// <returns>A new JSON object.</returns>
    public JsonObject ToJson() => new() { ["Name"] = Name, ["Regex"] = Regex };
}
