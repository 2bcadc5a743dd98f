using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories.Conditions;

/// <summary>Builds a <see cref="ConditionStep"/> from a <see cref="ConditionStepConfig"/>.</summary>
[StepFactory("ConditionStepFactory")]
public sealed class ConditionStepFactory : StepFactory<ConditionStepConfig>
{
    /// <inheritdoc />
    public override ConditionStepConfig ReadConfig(StepConfig config) => ConditionStepConfig.Read(config.Section);

    /// <inheritdoc />
    public override Step CreateStep(ConditionStepConfig model, StepConfig config) => new ConditionStep(config.Name)
    {
        Conditions = [.. model.Conditions],
        IfSteps = [.. model.IfSteps],
        ElseSteps = [.. model.ElseSteps],
    };
}
