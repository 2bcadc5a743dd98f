using System.Text.Json.Nodes;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Training;

/// <summary>The values a tuned hyperparameter may take: <see cref="ContinuousParameter"/>, <see cref="IntegerParameter"/> or <see cref="CategoricalParameter"/>.</summary>
public abstract class ParameterRange
{
    private protected ParameterRange()
    {
    }

    /// <summary>Which list of <c>ParameterRanges</c> it goes to: <c>Continuous</c>, <c>Categorical</c> or <c>Integer</c>.</summary>
    internal abstract string Kind { get; }

    /// <summary>Writes the range for a hyperparameter.</summary>
    internal abstract JsonObject Write(string name, BuildContext context);
}
