using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Training;

/// <summary>A real-valued range: <c>{"Name", "MinValue", "MaxValue", "ScalingType"}</c>, the bounds as strings.</summary>
/// <param name="minValue">The lowest value.</param>
/// <param name="maxValue">The highest value.</param>
/// <param name="scalingType"><c>Auto</c> (default), <c>Linear</c>, <c>Logarithmic</c> or <c>ReverseLogarithmic</c>.</param>
public sealed class ContinuousParameter(PipelineValue minValue, PipelineValue maxValue, string scalingType = "Auto") : ParameterRange
{
    /// <summary>The lowest value.</summary>
    public PipelineValue MinValue { get; } = minValue;

    /// <summary>The highest value.</summary>
    public PipelineValue MaxValue { get; } = maxValue;

    /// <summary>How values are sampled.</summary>
    public string ScalingType { get; } = scalingType;

    internal override string Kind => "Continuous";

    internal override JsonObject Write(string name, BuildContext context) => new()
    {
        ["Name"] = name,
        ["MinValue"] = MinValue.ToStringValue().Write(context),
        ["MaxValue"] = MaxValue.ToStringValue().Write(context),
        ["ScalingType"] = ScalingType,
    };
}
