using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories.Processing;

/// <summary>Builds a <see cref="ProcessingStep"/> from a <see cref="ProcessingStepConfig"/>.</summary>
[StepFactory("ProcessingStepFactory")]
public sealed class ProcessingStepFactory : StepFactory<ProcessingStepConfig>
{
    /// <inheritdoc />
    public override ProcessingStepConfig ReadConfig(StepConfig config) => ProcessingStepConfig.Read(config.Section, config.Shared);

    /// <inheritdoc />
    public override Step CreateStep(ProcessingStepConfig model, StepConfig config) => new ProcessingStep(config.Name, model.Processor)
    {
        Inputs = [.. model.Inputs],
        Outputs = [.. model.Outputs],
        Arguments = [.. model.Arguments],
        Code = model.Code,
        PropertyFiles = [.. model.PropertyFiles],
    };
}
