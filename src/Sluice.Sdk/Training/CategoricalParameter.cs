using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Training;

/// <summary>A choice among values: <c>{"Name", "Values"}</c>, the values as strings.</summary>
/// <param name="values">The values.</param>
public sealed class CategoricalParameter(params IEnumerable<PipelineValue> values) : ParameterRange
{
    /// <summary>The values.</summary>
    public IReadOnlyList<PipelineValue> Values { get; } = [.. values];

    internal override string Kind => "Categorical";

    internal override JsonObject Write(string name, BuildContext context) =>
        new() { ["Name"] = name, ["Values"] = Json.Array(Values.Select(v => v.ToStringValue()), context) };
}
