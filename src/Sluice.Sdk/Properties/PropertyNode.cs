using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;
using Sluice.Sdk.Steps;

namespace Sluice.Sdk.Properties;

/// <summary>
/// A step's property, read as <c>{"Get": "Steps.&lt;name&gt;.&lt;path&gt;"}</c> (the Python SDK's <c>Properties</c>).
/// Structures have a member per member of their botocore shape, so a misspelt member does not compile; using a
/// property makes its step a dependency of the step that reads it.
/// </summary>
public abstract class PropertyNode : PipelineVariable
{
    private protected PropertyNode(Step step, string path)
    {
        OwnerStep = step;
        PropertyPath = path;
    }

    /// <summary>The path below <c>Steps.&lt;name&gt;</c>; empty for the step's properties as a whole.</summary>
    public string PropertyPath { get; }

    /// <summary>The step whose property this is.</summary>
    internal Step OwnerStep { get; }

    /// <summary>The member <paramref name="name"/> of this structure.</summary>
    /// <typeparam name="T">The member's node type.</typeparam>
    /// <param name="name">The member's name.</param>
    /// <returns>The member's node.</returns>
    private protected T Member<T>(string name)
        where T : PropertyNode, IPropertyNode<T> =>
        T.Create(OwnerStep, PropertyPath.Length == 0 ? name : PropertyPath + "." + name);

    internal override JsonNode Write(BuildContext context)
    {
        context.Reference(OwnerStep);
        var path = PropertyPath.Length == 0 ? $"Steps.{OwnerStep.Name}" : $"Steps.{OwnerStep.Name}.{PropertyPath}";
        return new JsonObject { ["Get"] = path };
    }
}
