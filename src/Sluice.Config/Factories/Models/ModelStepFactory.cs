using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories.Models;

/// <summary>Builds a <see cref="CreateModelStep"/> (a <c>Model</c> step) from a <see cref="ModelStepConfig"/>.</summary>
[StepFactory("ModelStepFactory")]
public sealed class ModelStepFactory : StepFactory<ModelStepConfig>
{
    /// <inheritdoc />
    public override ModelStepConfig ReadConfig(StepConfig config) => ModelStepConfig.Read(config.Section, config.Shared);

    /// <inheritdoc />
    public override Step CreateStep(ModelStepConfig model, StepConfig config) => new CreateModelStep(config.Name, model.Model);
}
