using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories.Callbacks;

/// <summary>Builds a <see cref="LambdaStep"/> from a <see cref="LambdaStepConfig"/>.</summary>
[StepFactory("LambdaStepFactory")]
public sealed class LambdaStepFactory : StepFactory<LambdaStepConfig>
{
    /// <inheritdoc />
    public override LambdaStepConfig ReadConfig(StepConfig config) => LambdaStepConfig.Read(config.Section);

    /// <inheritdoc />
    public override Step CreateStep(LambdaStepConfig model, StepConfig config) =>
        new LambdaStep(config.Name, model.FunctionArn) { Inputs = Fallbacks.Ordered(model.Inputs), Outputs = [.. model.Outputs] };
}
