using Sluice.Sdk.Expressions;

namespace Sluice.Sdk.Conditions;

/// <summary>Whether the left value equals the right value: <c>{"Type": "Equals", ...}</c>.</summary>
/// <param name="left">The left value.</param>
/// <param name="right">The right value.</param>
public sealed class ConditionEquals(PipelineValue left, PipelineValue right) : ConditionComparison(left, right)
{
    /// <inheritdoc />
    public override string ConditionType => "Equals";
}
