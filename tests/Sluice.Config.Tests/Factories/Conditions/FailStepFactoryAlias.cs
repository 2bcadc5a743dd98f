using Sluice.Config.Factories;
using Sluice.Config.Factories.Conditions;
using Sluice.Sdk.Steps;

namespace Sluice.Config.Tests.Factories.Conditions;

/// <summary>A factory that claims a built-in factory's name.</summary>
[StepFactory("FailStepFactory")]
public sealed class FailStepFactoryAlias : IStepFactory
{
    public Step CreateStep(StepConfig config) => new FailStepFactory().CreateStep(config);
}
