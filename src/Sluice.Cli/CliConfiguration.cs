using Sluice.Core.Configuration;

namespace Sluice.Cli;

/// <summary>Loads <c>sluice.yaml</c> for commands that need the configuration but no engine.</summary>
internal static class CliConfiguration
{
    /// <summary>Loads the configuration, printing a problem with it the way every command does.</summary>
    /// <param name="io">Where the problem is printed.</param>
    /// <param name="configPath">The <c>--config</c> file, or <see langword="null"/> for the default search.</param>
    /// <returns>The configuration, or <see langword="null"/> after printing why it could not be loaded.</returns>
    public static async Task<SluiceConfiguration?> LoadAsync(CliIo io, string? configPath)
    {
        try
        {
            return ConfigurationLoader.Load(configPath);
        }
        catch (ConfigurationException e)
        {
            await io.Error.WriteLineAsync($"sluice: {e.Message}");
            return null;
        }
    }
}
