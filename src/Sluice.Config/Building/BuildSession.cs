using Sluice.Config.Factories;
using Sluice.Config.Reading;
using Sluice.Config.References;
using Sluice.Config.Shared;
using Sluice.Definitions;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Steps;

namespace Sluice.Config.Building;

/// <summary>
/// Builds the steps of one environment: each step file goes to its factory, and a step that a reference, a branch or
/// <c>depends_on</c> names is built first, when it is asked for (a step needed to build itself is a cycle). Steps are
/// built in file-name order otherwise, so the order is the steps' dependencies first, then file names.
/// </summary>
internal sealed class BuildSession : IStepLookup
{
    private readonly IReadOnlyDictionary<string, StepEntry> _entries;
    private readonly SharedTree _tree;
    private readonly IReadOnlyDictionary<string, Parameter> _parameters;
    private readonly StepFactoryRegistry _factories;
    private readonly Dictionary<string, Step> _built = new(StringComparer.Ordinal);
    private readonly List<StepEntry> _building = [];
    private readonly List<Step> _order = [];

    public BuildSession(SharedConfig shared, SharedTree tree, IReadOnlyDictionary<string, StepEntry> entries, StepFactoryRegistry factories)
    {
        Shared = shared;
        _tree = tree;
        _entries = entries;
        _factories = factories;
        _parameters = shared.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public SharedConfig Shared { get; }

    /// <summary>The steps in the order they were built: each after the steps it needs.</summary>
    public IReadOnlyList<Step> Order => _order;

    /// <summary>Builds every step.</summary>
    public void BuildAll()
    {
        foreach (var entry in _entries.Values.OrderBy(e => e.File.Path, StringComparer.Ordinal))
        {
            if (!_built.ContainsKey(entry.Name))
            {
                Build(entry);
            }
        }
    }

    public Step GetStep(string name, Located site, string key)
    {
        if (_built.TryGetValue(name, out var step))
        {
            return step;
        }

        if (!_entries.TryGetValue(name, out var entry))
        {
            throw site.Error(key, $"references step '{name}', which does not exist{Spelling.Hint(name, _entries.Keys)}; " +
                $"steps: {string.Join(", ", _entries.Keys.Order(StringComparer.Ordinal))}");
        }

        var index = _building.FindIndex(e => e.Name == name);
        if (index >= 0)
        {
            var cycle = string.Join(" -> ", _building.Skip(index).Select(e => e.Name).Append(name));
            throw site.Error(key, $"step '{name}' needs itself: {cycle}");
        }

        return Build(entry);
    }

    private Step Build(StepEntry entry)
    {
        _building.Add(entry);
        try
        {
            var context = new ReadContext(new ValueResolver(_tree, _parameters, this));
            var section = new ConfigSection(new Located(entry.File.Root, entry.File, null), string.Empty, context);
            section.Has("step_name");
            section.Has("step_factory_class");
            var factory = _factories.Create(entry.FactoryName)
                ?? throw section.Error("step_factory_class", $"unknown step factory '{entry.FactoryName}'");
            Step step;
            try
            {
                step = factory.CreateStep(new StepConfig(entry.Name, entry.FactoryName, section, Shared));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or IOException)
            {
                throw section.Error("step_factory_class", $"step factory '{entry.FactoryName}' failed: {e.Message}");
            }

            if (step.Name != entry.Name)
            {
                throw section.Error("step_factory_class", $"step factory '{entry.FactoryName}' named the step '{step.Name}'; it must name it '{entry.Name}'");
            }

            CommonStepSettings.Apply(step, section);
            context.RejectUnknownKeys();
            _built[entry.Name] = step;
            _order.Add(step);
            return step;
        }
        finally
        {
            _building.RemoveAt(_building.Count - 1);
        }
    }
}
