using Sluice.Sdk.Steps;

namespace Sluice.Sdk.Properties;

/// <summary>The properties of a Condition step: its <c>Outcome</c> (<c>True</c> or <c>False</c>).</summary>
public sealed class ConditionStepProperties : PropertyNode, IPropertyNode<ConditionStepProperties>
{
    private ConditionStepProperties(Step step, string path)
        : base(step, path)
    {
    }

    /// <summary>Which branch the step took.</summary>
    public PropertyValue Outcome => Member<PropertyValue>("Outcome");

    static ConditionStepProperties IPropertyNode<ConditionStepProperties>.Create(Step step, string path) => new(step, path);
}
