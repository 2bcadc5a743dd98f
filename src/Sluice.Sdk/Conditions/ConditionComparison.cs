using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Conditions;

/// <summary>A comparison of two values: <c>{"Type", "LeftValue", "RightValue"}</c>.</summary>
public abstract class ConditionComparison : Condition
{
    private protected ConditionComparison(PipelineValue left, PipelineValue right)
    {
        Left = left;
        Right = right;
    }

    /// <summary>The left value.</summary>
    public PipelineValue Left { get; }

    /// <summary>The right value.</summary>
    public PipelineValue Right { get; }

    internal override JsonObject Write(BuildContext context) =>
        new() { ["Type"] = ConditionType, ["LeftValue"] = Left.Write(context), ["RightValue"] = Right.Write(context) };
}
