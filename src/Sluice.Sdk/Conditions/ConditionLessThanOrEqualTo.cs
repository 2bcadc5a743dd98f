using Sluice.Sdk.Expressions;

namespace Sluice.Sdk.Conditions;

/// <summary>Whether the left value is less than or equal to the right value: <c>{"Type": "LessThanOrEqualTo", ...}</c>.</summary>
/// <param name="left">The left value.</param>
/// <param name="right">The right value.</param>
public sealed class ConditionLessThanOrEqualTo(PipelineValue left, PipelineValue right) : ConditionComparison(left, right)
{
    /// <inheritdoc />
    public override string ConditionType => "LessThanOrEqualTo";
}
