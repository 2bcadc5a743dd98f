using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories.Conditions;

/// <summary>Builds a <see cref="FailStep"/> from a <see cref="FailStepConfig"/>.</summary>
[StepFactory("FailStepFactory")]
public sealed class FailStepFactory : StepFactory<FailStepConfig>
{
    /// <inheritdoc />
    public override FailStepConfig ReadConfig(StepConfig config) => FailStepConfig.Read(config.Section);

    /// <inheritdoc />
    public override Step CreateStep(FailStepConfig model, StepConfig config) => new FailStep(config.Name, model.ErrorMessage);
}
