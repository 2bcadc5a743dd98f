using Sluice.Sdk.Steps;

namespace Sluice.Sdk.Properties;

/// <summary>A step's property that is a single value (a string, number, Boolean or timestamp).</summary>
public sealed class PropertyValue : PropertyNode, IPropertyNode<PropertyValue>
{
    private PropertyValue(Step step, string path)
        : base(step, path)
    {
    }

    static PropertyValue IPropertyNode<PropertyValue>.Create(Step step, string path) => new(step, path);
}
