using Sluice.Sdk.Expressions;

namespace Sluice.Sdk.Conditions;

/// <summary>Whether the left value is greater than the right value: <c>{"Type": "GreaterThan", ...}</c>.</summary>
/// <param name="left">The left value.</param>
/// <param name="right">The right value.</param>
public sealed class ConditionGreaterThan(PipelineValue left, PipelineValue right) : ConditionComparison(left, right)
{
    /// <inheritdoc />
    public override string ConditionType => "GreaterThan";
}
