using Sluice.Sdk.Steps;
using Sluice.Sdk.Training;

namespace Sluice.Config.Factories.Training;

/// <summary>Builds a <see cref="TrainingStep"/> from a <see cref="TrainingStepConfig"/>.</summary>
[StepFactory("TrainingStepFactory")]
public sealed class TrainingStepFactory : StepFactory<TrainingStepConfig>
{
    /// <inheritdoc />
    public override TrainingStepConfig ReadConfig(StepConfig config) => TrainingStepConfig.Read(config.Section, config.Shared);

    /// <inheritdoc />
    public override Step CreateStep(TrainingStepConfig model, StepConfig config)
    {
        var inputs = new OrderedDictionary<string, TrainingInput>(StringComparer.Ordinal);
        foreach (var (channel, input) in model.Inputs)
        {
            inputs[channel] = input;
        }

        return new TrainingStep(config.Name, model.Estimator) { Inputs = inputs };
    }
}
