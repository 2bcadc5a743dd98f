using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories.Callbacks;

/// <summary>Builds a <see cref="CallbackStep"/> from a <see cref="CallbackStepConfig"/>.</summary>
[StepFactory("CallbackStepFactory")]
public sealed class CallbackStepFactory : StepFactory<CallbackStepConfig>
{
    /// <inheritdoc />
    public override CallbackStepConfig ReadConfig(StepConfig config) => CallbackStepConfig.Read(config.Section);

    /// <inheritdoc />
    public override Step CreateStep(CallbackStepConfig model, StepConfig config) =>
        new CallbackStep(config.Name, model.SqsQueueUrl) { Inputs = Fallbacks.Ordered(model.Inputs), Outputs = [.. model.Outputs] };
}
