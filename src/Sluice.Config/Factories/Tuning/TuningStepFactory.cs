using Sluice.Sdk.Steps;
using Sluice.Sdk.Training;

namespace Sluice.Config.Factories.Tuning;

/// <summary>Builds a <see cref="TuningStep"/> from a <see cref="TuningStepConfig"/>.</summary>
[StepFactory("TuningStepFactory")]
public sealed class TuningStepFactory : StepFactory<TuningStepConfig>
{
    /// <inheritdoc />
    public override TuningStepConfig ReadConfig(StepConfig config) => TuningStepConfig.Read(config.Section, config.Shared);

    /// <inheritdoc />
    public override Step CreateStep(TuningStepConfig model, StepConfig config)
    {
        var inputs = new OrderedDictionary<string, TrainingInput>(StringComparer.Ordinal);
        foreach (var (channel, input) in model.Inputs)
        {
            inputs[channel] = input;
        }

        return new TuningStep(config.Name, model.Tuner) { Inputs = inputs };
    }
}
