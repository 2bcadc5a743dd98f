using System.Text.Json.Nodes;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Conditions;

/// <summary>The negation of a condition: <c>{"Type": "Not", "Condition"}</c>.</summary>
/// <param name="condition">The condition negated.</param>
public sealed class ConditionNot(Condition condition) : Condition
{
    /// <summary>The condition negated.</summary>
    public Condition Condition { get; } = condition;

    /// <inheritdoc />
    public override string ConditionType => "Not";

    internal override JsonObject Write(BuildContext context) =>
        new() { ["Type"] = ConditionType, ["Condition"] = Condition.Write(context) };
}
