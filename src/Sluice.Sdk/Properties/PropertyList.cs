using System.Globalization;
using Sluice.Sdk.Steps;

namespace Sluice.Sdk.Properties;

/// <summary>
/// A step's property that is a list (the Python SDK's <c>PropertiesList</c>): an item by position renders as
/// <c>[0]</c>, an item by name as <c>['name']</c> (e.g. <c>ProcessingOutputConfig.Outputs['train']</c>).
/// </summary>
/// <typeparam name="T">The item's node type.</typeparam>
public sealed class PropertyList<T> : PropertyNode, IPropertyNode<PropertyList<T>>
    where T : PropertyNode, IPropertyNode<T>
{
    private PropertyList(Step step, string path)
        : base(step, path)
    {
    }

    /// <summary>The item at a position: <c>path[index]</c>.</summary>
    /// <param name="index">The position, from 0.</param>
    /// <returns>The item.</returns>
    public T this[int index] => T.Create(OwnerStep, $"{PropertyPath}[{index.ToString(CultureInfo.InvariantCulture)}]");

    /// <summary>The item with a name: <c>path['name']</c>, as SageMaker keys processing inputs and outputs and metrics by name.</summary>
    /// <param name="name">The item's name.</param>
    /// <returns>The item.</returns>
    public T this[string name] => T.Create(OwnerStep, $"{PropertyPath}['{name}']");

    static PropertyList<T> IPropertyNode<PropertyList<T>>.Create(Step step, string path) => new(step, path);
}
