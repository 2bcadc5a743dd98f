using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories.Processing;

/// <summary>Builds a <see cref="ProcessingStep"/> that runs an entry point from a source folder, from a <see cref="FrameworkProcessingStepConfig"/>.</summary>
[StepFactory("FrameworkProcessingStepFactory")]
public sealed class FrameworkProcessingStepFactory : StepFactory<FrameworkProcessingStepConfig>
{
    /// <inheritdoc />
    public override FrameworkProcessingStepConfig ReadConfig(StepConfig config) => FrameworkProcessingStepConfig.Read(config.Section, config.Shared);

    /// <inheritdoc />
    public override Step CreateStep(FrameworkProcessingStepConfig model, StepConfig config) => new ProcessingStep(config.Name, model.Processor)
    {
        Inputs = [.. model.Inputs],
        Outputs = [.. model.Outputs],
        Arguments = [.. model.Arguments],
        PropertyFiles = [.. model.PropertyFiles],
    };
}
