using System.Text.Json.Nodes;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Steps;

/// <summary>
/// A step of a pipeline: <c>{"Name", "Type", "Arguments", "DependsOn", "DisplayName", "Description", ...}</c>.
/// Steps whose properties a step's arguments read become its data dependencies without being listed in
/// <see cref="DependsOn"/>, and are added to the pipeline if they are not in it, as the Python SDK does.
/// </summary>
public abstract class Step
{
    private protected Step(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The step's name, unique in the pipeline (nested steps included).</summary>
    public string Name { get; }

    /// <summary>The step's <c>Type</c> in the definition, e.g. <c>Processing</c>.</summary>
    public abstract string StepType { get; }

    /// <summary>The name shown for the step.</summary>
    public string? DisplayName { get; set; }

    /// <summary>What the step is for.</summary>
    public string? Description { get; set; }

    /// <summary>Steps that must succeed before this one starts, besides those its arguments read from.</summary>
    public IList<StepReference> DependsOn { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => $"{StepType} step '{Name}'";

    /// <summary>Writes the step's <c>Arguments</c>.</summary>
    internal abstract JsonNode WriteArguments(BuildContext context);

    /// <summary>Adds the members that follow <c>Description</c> (CacheConfig, RetryPolicies, PropertyFiles, ...).</summary>
    internal virtual void WriteTail(JsonObject request, BuildContext context)
    {
    }

    /// <summary>The root of a step's properties.</summary>
    private protected T RootProperties<T>()
        where T : PropertyNode, IPropertyNode<T> => T.Create(this, string.Empty);
}
