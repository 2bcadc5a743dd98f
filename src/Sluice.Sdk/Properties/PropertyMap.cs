using Sluice.Sdk.Steps;

namespace Sluice.Sdk.Properties;

/// <summary>A step's property that is a map (the Python SDK's <c>PropertiesMap</c>): a value by key renders as <c>['key']</c>.</summary>
/// <typeparam name="T">The value's node type.</typeparam>
public sealed class PropertyMap<T> : PropertyNode, IPropertyNode<PropertyMap<T>>
    where T : PropertyNode, IPropertyNode<T>
{
    private PropertyMap(Step step, string path)
        : base(step, path)
    {
    }

    /// <summary>The value of a key: <c>path['key']</c>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    public T this[string key] => T.Create(OwnerStep, $"{PropertyPath}['{key}']");

    static PropertyMap<T> IPropertyNode<PropertyMap<T>>.Create(Step step, string path) => new(step, path);
}
