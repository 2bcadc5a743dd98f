using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories;

/// <summary>
/// A step factory with a config model of its own: <see cref="ReadConfig"/> reads and checks the step's configuration
/// into a <typeparamref name="TConfig"/>, then <see cref="CreateStep(TConfig, StepConfig)"/> builds the step from it.
/// The type parameter stays inside the factory: the table of factories holds plain <see cref="IStepFactory"/>s.
/// </summary>
/// <typeparam name="TConfig">The factory's config model.</typeparam>
public abstract class StepFactory<TConfig> : IStepFactory
    where TConfig : notnull
{
    /// <inheritdoc />
    public Step CreateStep(StepConfig config) => CreateStep(ReadConfig(config), config);

    /// <summary>Reads the step's configuration into the model, checking every key it needs.</summary>
    /// <param name="config">The step's configuration.</param>
    /// <returns>The model.</returns>
    /// <exception cref="PipelineConfigException">When the configuration does not fit the model.</exception>
    public abstract TConfig ReadConfig(StepConfig config);

    /// <summary>Creates the step from the model.</summary>
    /// <param name="model">The model <see cref="ReadConfig"/> read.</param>
    /// <param name="config">The step's configuration, for its name and the shared configuration.</param>
    /// <returns>The step, named <see cref="StepConfig.Name"/>.</returns>
    public abstract Step CreateStep(TConfig model, StepConfig config);
}
