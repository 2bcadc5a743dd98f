using Sluice.Sdk.Steps;

namespace Sluice.Sdk.Properties;

/// <summary>The properties of a Lambda or Callback step: its output parameters, <c>OutputParameters['name']</c>.</summary>
public sealed class OutputParametersProperties : PropertyNode, IPropertyNode<OutputParametersProperties>
{
    private OutputParametersProperties(Step step, string path)
        : base(step, path)
    {
    }

    /// <summary>The output parameters by name.</summary>
    public PropertyMap<PropertyValue> OutputParameters => Member<PropertyMap<PropertyValue>>("OutputParameters");

    static OutputParametersProperties IPropertyNode<OutputParametersProperties>.Create(Step step, string path) => new(step, path);
}
