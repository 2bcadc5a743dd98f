using Sluice.Config.Reading;
using Sluice.Config.Shared;

namespace Sluice.Config.Factories;

/// <summary>
/// What a step factory gets: the step's name, its file as a <see cref="ConfigSection"/>, and the shared configuration
/// to fall back to. The keys every step has (<c>step_name</c>, <c>step_factory_class</c>, <c>depends_on</c>,
/// <c>cache</c>, <c>retry</c>, <c>display_name</c>, <c>description</c>) are read by the builder; the rest are the
/// factory's.
/// </summary>
public sealed class StepConfig
{
    internal StepConfig(string name, string factoryName, ConfigSection section, SharedConfig shared)
    {
        Name = name;
        FactoryName = factoryName;
        Section = section;
        Shared = shared;
    }

    /// <summary>The step's name (<c>step_name</c>); the factory names the step so.</summary>
    public string Name { get; }

    /// <summary>The factory's name, as the file gives it (<c>step_factory_class</c>).</summary>
    public string FactoryName { get; }

    /// <summary>The step file's top level.</summary>
    public ConfigSection Section { get; }

    /// <summary>The environment's shared configuration.</summary>
    public SharedConfig Shared { get; }

    /// <summary>The step file, as messages show it.</summary>
    public string File => Section.File;
}
