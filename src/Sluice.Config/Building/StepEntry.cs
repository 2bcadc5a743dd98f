using Sluice.Config.Loading;

namespace Sluice.Config.Building;

/// <summary>A step file as the builder first reads it: the step's name, its factory, and where its keys are.</summary>
/// <param name="Name">The step's name (<c>step_name</c>).</param>
/// <param name="FactoryName">The factory's name (<c>step_factory_class</c>).</param>
/// <param name="File">The file.</param>
/// <param name="KeyLines">The line of each top-level key, for messages about the step as a whole.</param>
internal sealed record StepEntry(string Name, string FactoryName, ConfigFile File, IReadOnlyDictionary<string, int> KeyLines)
{
    public int NameLine => KeyLines.GetValueOrDefault("step_name", 1);

    public int LineOf(string key) => KeyLines.GetValueOrDefault(key, NameLine);
}
