using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Conditions;

/// <summary>Whether a value is one of a list: <c>{"Type": "In", "QueryValue", "Values"}</c>.</summary>
/// <param name="value">The value looked for.</param>
/// <param name="values">The values it may be.</param>
public sealed class ConditionIn(PipelineValue value, params IEnumerable<PipelineValue> values) : Condition
{
    /// <summary>The value looked for.</summary>
    public PipelineValue Value { get; } = value;

    /// <summary>The values it may be.</summary>
    public IReadOnlyList<PipelineValue> Values { get; } = [.. values];

    /// <inheritdoc />
    public override string ConditionType => "In";

    internal override JsonObject Write(BuildContext context) =>
        new() { ["Type"] = ConditionType, ["QueryValue"] = Value.Write(context), ["Values"] = Json.Array(Values, context) };
}
