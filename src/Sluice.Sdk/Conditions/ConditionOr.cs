using System.Text.Json.Nodes;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Conditions;

/// <summary>Whether any of the conditions holds: <c>{"Type": "Or", "Conditions"}</c>.</summary>
/// <param name="conditions">The conditions.</param>
public sealed class ConditionOr(params IEnumerable<Condition> conditions) : Condition
{
    /// <summary>The conditions.</summary>
    public IReadOnlyList<Condition> Conditions { get; } = [.. conditions];

    /// <inheritdoc />
    public override string ConditionType => "Or";

    internal override JsonObject Write(BuildContext context) =>
        new() { ["Type"] = ConditionType, ["Conditions"] = new JsonArray([.. Conditions.Select(c => (JsonNode)c.Write(context))]) };
}
