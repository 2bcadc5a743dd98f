namespace Sluice.Config.Loading;

/// <summary>
/// Finds the configuration of an environment. <see cref="YamlConfigLoader"/> reads
/// <c>&lt;config dir&gt;/&lt;env&gt;/*.yaml</c>; <see cref="InMemoryConfigLoader"/> serves text given in code (for tests);
/// implement it to read configuration from elsewhere.
/// </summary>
public interface IConfigLoader
{
    /// <summary>Loads an environment's shared configuration and step files.</summary>
    /// <param name="environment">The environment's name, e.g. <c>dev</c>.</param>
    /// <returns>The parsed files.</returns>
    /// <exception cref="PipelineConfigException">When the environment does not exist or a file cannot be read or parsed.</exception>
    ConfigSet Load(string environment);
}
