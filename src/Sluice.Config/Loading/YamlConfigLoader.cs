using Sluice.Definitions;

namespace Sluice.Config.Loading;

/// <summary>
/// Reads <c>&lt;config dir&gt;/&lt;env&gt;/shared_config.yaml</c> and every other <c>*.yaml</c> (or <c>*.yml</c>) file of
/// that folder as one step each, in file-name order. An environment is a folder that holds a shared configuration.
/// </summary>
/// <param name="configDirectory">The configuration directory; messages show paths below it as given.</param>
public sealed class YamlConfigLoader(string configDirectory) : IConfigLoader
{
    /// <summary>The shared configuration's file name.</summary>
    public const string SharedFileName = "shared_config.yaml";

    private static readonly string[] SharedFileNames = [SharedFileName, "shared_config.yml"];

    /// <summary>The configuration directory.</summary>
    public string ConfigDirectory { get; } = configDirectory;

    /// <summary>The environments found: the folders of <see cref="ConfigDirectory"/> that hold a shared configuration, by name.</summary>
    /// <returns>The names, in ordinal order; empty when the directory does not exist.</returns>
    public IReadOnlyList<string> FindEnvironments() =>
        Directory.Exists(ConfigDirectory)
            ? [.. Directory.EnumerateDirectories(ConfigDirectory)
                .Where(d => SharedFileNames.Any(name => File.Exists(Path.Combine(d, name))))
                .Select(Path.GetFileName)
                .OfType<string>()
                .Order(StringComparer.Ordinal)]
            : [];

    /// <inheritdoc />
    public ConfigSet Load(string environment)
    {
        if (!Directory.Exists(ConfigDirectory))
        {
            throw new PipelineConfigException(ConfigDirectory, null, null, "no such configuration directory");
        }

        var environments = FindEnvironments();
        if (environment.Length == 0 || environment.IndexOfAny(['/', '\\']) >= 0 || environment is "." or ".." || !environments.Contains(environment))
        {
            var known = environments.Count == 0 ? "none (an environment is a folder with a shared_config.yaml)" : string.Join(", ", environments);
            throw new PipelineConfigException(ConfigDirectory, null, null,
                $"unknown environment '{environment}'{Spelling.Hint(environment, environments)}; environments: {known}");
        }

        var folder = Path.Combine(ConfigDirectory, environment);
        var sharedPath = SharedFileNames.Select(name => Path.Combine(folder, name)).First(File.Exists);
        var steps = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Where(f => !SharedFileNames.Contains(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .ToList();
        if (steps.Count == 0)
        {
            throw new PipelineConfigException(folder, null, null, "no step files: give each step a YAML file next to the shared configuration");
        }

        return new ConfigSet(environment, Read(sharedPath), steps);
    }

    private static ConfigFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PipelineConfigException(path, null, null, $"cannot be read: {e.Message}");
        }

        return ConfigFile.Parse(path, text);
    }
}
