using System.Globalization;
using Sluice.Config.Loading;
using Sluice.Config.Reading;
using Sluice.Definitions;
using YamlDotNet.RepresentationModel;

namespace Sluice.Config.References;

/// <summary>The shared configuration as YAML, for <c>${shared.a.b}</c>: keys of mappings and positions (from 0) in lists, separated by dots.</summary>
/// <param name="file">The shared configuration file.</param>
internal sealed class SharedTree(ConfigFile file)
{
    public ConfigFile File { get; } = file;

    /// <summary>The node a reference names.</summary>
    /// <param name="reference">The <c>${shared...}</c> reference.</param>
    /// <param name="site">Where the reference is written.</param>
    /// <param name="key">The key it is written at.</param>
    /// <returns>The node, in the shared file.</returns>
    public Located Find(ReferencePart reference, Located site, string key)
    {
        YamlNode node = File.Root;
        var walked = "shared";
        foreach (var segment in reference.Path.Split('.'))
        {
            if (segment.Length == 0)
            {
                throw site.Error(key, $"'{reference.Text}' has an empty key");
            }

            switch (node)
            {
                case YamlMappingNode mapping:
                    var keys = mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty).ToList();
                    var match = mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: { } name } && name == segment);
                    node = match.Value ?? throw site.Error(key,
                        $"'{reference.Text}': {walked} has no '{segment}'{Spelling.Hint(segment, keys)} in {File.Path}");
                    break;
                case YamlSequenceNode list:
                    node = int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < list.Children.Count
                        ? list.Children[index]
                        : throw site.Error(key, $"'{reference.Text}': {walked} is a list of {list.Children.Count}; '{segment}' is not a position in it (from 0)");
                    break;
                default:
                    throw site.Error(key, $"'{reference.Text}': {walked} is a single value; it has no '{segment}'");
            }

            walked += "." + segment;
        }

        return new Located(node, File, null);
    }
}
