using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories;

/// <summary>
/// Creates one kind of step from a step's configuration. The interface takes the configuration as it is in the file,
/// not a typed model: each factory owns its config model and validates the file against it (see
/// <see cref="StepFactory{TConfig}"/>), so no factory has to accept another's model and the table of factories needs
/// no generics. Register a factory in a <see cref="StepFactoryRegistry"/> under the name that step files give in
/// <c>step_factory_class</c>.
/// </summary>
public interface IStepFactory
{
    /// <summary>Reads the step's configuration into this factory's config model, checking it, and creates the step.</summary>
    /// <param name="config">The step's configuration, its name, and the shared configuration.</param>
    /// <returns>The step, named <see cref="StepConfig.Name"/>.</returns>
    /// <exception cref="PipelineConfigException">When the configuration does not fit the model: a missing or wrong key, a bad reference.</exception>
    Step CreateStep(StepConfig config);
}
