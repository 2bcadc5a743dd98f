using System.Globalization;
using Sluice.Config.Factories;
using Sluice.Config.Loading;
using Sluice.Config.Reading;
using Sluice.Config.References;
using Sluice.Definitions;
using YamlDotNet.RepresentationModel;

namespace Sluice.Config.Building;

/// <summary>Reads every step file's name and factory first, so that references can name any step: two steps of one name and unknown factories fail here.</summary>
internal static class StepEntries
{
    public static Dictionary<string, StepEntry> Read(IEnumerable<ConfigFile> files, SharedTree tree, StepFactoryRegistry factories)
    {
        var entries = new Dictionary<string, StepEntry>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var section = new ConfigSection(new Located(file.Root, file, null), string.Empty, new ReadContext(new ValueResolver(tree, null, null)));
            var name = section.Text("step_name");
            var factory = section.Text("step_factory_class");
            var entry = new StepEntry(name, factory, file, KeyLines(file.Root));
            if (name.Length == 0)
            {
                throw section.Error("step_name", "must not be empty");
            }

            if (entries.TryGetValue(name, out var first))
            {
                throw section.Error("step_name", string.Create(CultureInfo.InvariantCulture,
                    $"two steps are named '{name}': this one and the one in {first.File.Path}:{first.NameLine}"));
            }

            if (!factories.Contains(factory))
            {
                throw section.Error("step_factory_class",
                    $"unknown step factory '{factory}'{Spelling.Hint(factory, factories.Names)}; factories: {string.Join(", ", factories.Names)}");
            }

            entries.Add(name, entry);
        }

        return entries;
    }

    private static Dictionary<string, int> KeyLines(YamlMappingNode root) =>
        root.Children
            .Where(c => c.Key is YamlScalarNode { Value: not null })
            .GroupBy(c => ((YamlScalarNode)c.Key).Value!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (int)g.First().Key.Start.Line, StringComparer.Ordinal);
}
