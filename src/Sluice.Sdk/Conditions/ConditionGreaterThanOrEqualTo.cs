using Sluice.Sdk.Expressions;

namespace Sluice.Sdk.Conditions;

/// <summary>Whether the left value is greater than or equal to the right value: <c>{"Type": "GreaterThanOrEqualTo", ...}</c>.</summary>
/// <param name="left">The left value.</param>
/// <param name="right">The right value.</param>
public sealed class ConditionGreaterThanOrEqualTo(PipelineValue left, PipelineValue right) : ConditionComparison(left, right)
{
    /// <inheritdoc />
    public override string ConditionType => "GreaterThanOrEqualTo";
}
