using Sluice.Definitions;

namespace Sluice.Config.Loading;

/// <summary>
/// Serves configuration given as text in code: a test loader, and the way to build a pipeline from configuration that
/// is not in files. Files are named as in a configuration directory: <c>shared_config.yaml</c> is the shared
/// configuration, every other file a step; messages show them as <c>&lt;env&gt;/&lt;file&gt;</c>.
/// </summary>
public sealed class InMemoryConfigLoader : IConfigLoader
{
    private readonly Dictionary<string, SortedDictionary<string, string>> _environments = new(StringComparer.Ordinal);

    /// <summary>Adds a file to an environment, replacing one of the same name.</summary>
    /// <param name="environment">The environment, e.g. <c>dev</c>.</param>
    /// <param name="fileName">The file's name, e.g. <c>shared_config.yaml</c> or <c>train.yaml</c>.</param>
    /// <param name="yaml">The file's text.</param>
    /// <returns>This loader, to add more.</returns>
    public InMemoryConfigLoader Add(string environment, string fileName, string yaml)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        if (!_environments.TryGetValue(environment, out var files))
        {
            files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            _environments[environment] = files;
        }

        files[fileName] = yaml;
        return this;
    }

    /// <inheritdoc />
    public ConfigSet Load(string environment)
    {
        if (!_environments.TryGetValue(environment, out var files) || !files.TryGetValue(YamlConfigLoader.SharedFileName, out var sharedText))
        {
            var known = _environments.Where(e => e.Value.ContainsKey(YamlConfigLoader.SharedFileName)).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
            throw new PipelineConfigException("(in memory)", null, null,
                $"unknown environment '{environment}'{Spelling.Hint(environment, known)}; environments: {(known.Count == 0 ? "none" : string.Join(", ", known))}");
        }

        var steps = files.Where(f => f.Key != YamlConfigLoader.SharedFileName).Select(f => ConfigFile.Parse($"{environment}/{f.Key}", f.Value)).ToList();
        if (steps.Count == 0)
        {
            throw new PipelineConfigException(environment, null, null, "no step files: give each step a file next to the shared configuration");
        }

        return new ConfigSet(environment, ConfigFile.Parse($"{environment}/{YamlConfigLoader.SharedFileName}", sharedText), steps);
    }
}
