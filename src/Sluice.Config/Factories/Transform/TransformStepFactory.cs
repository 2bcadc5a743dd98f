using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories.Transform;

/// <summary>Builds a <see cref="TransformStep"/> from a <see cref="TransformStepConfig"/>.</summary>
[StepFactory("TransformStepFactory")]
public sealed class TransformStepFactory : StepFactory<TransformStepConfig>
{
    /// <inheritdoc />
    public override TransformStepConfig ReadConfig(StepConfig config) => TransformStepConfig.Read(config.Section, config.Shared);

    /// <inheritdoc />
    public override Step CreateStep(TransformStepConfig model, StepConfig config) => new TransformStep(config.Name, model.Transformer, model.Input);
}
