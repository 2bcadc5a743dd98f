using Sluice.Config.Reading;
using Sluice.Config.Shared;
using Sluice.Sdk.Steps;

namespace Sluice.Config.References;

/// <summary>Finds the steps references name, building each the first time it is asked for.</summary>
internal interface IStepLookup
{
    /// <summary>The shared configuration the steps are built with.</summary>
    SharedConfig Shared { get; }

    /// <summary>The step named <paramref name="name"/>.</summary>
    /// <param name="name">The step's <c>step_name</c>.</param>
    /// <param name="site">Where the name is written, for messages.</param>
    /// <param name="key">The key it is written at.</param>
    /// <returns>The step.</returns>
    /// <exception cref="PipelineConfigException">When no step has the name, or building it needs the step that asks (a cycle).</exception>
    Step GetStep(string name, Located site, string key);
}
