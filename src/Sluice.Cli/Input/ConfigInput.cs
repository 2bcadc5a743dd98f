using Sluice.Config;

namespace Sluice.Cli.Input;

/// <summary>Builds an environment's pipeline from a configuration directory for a command, printing what is wrong as <c>sluice: file:line: key: problem</c>.</summary>
internal static class ConfigInput
{
    /// <summary>Builds the pipeline; the validator's warnings go to standard error.</summary>
    /// <returns>The pipeline, or <see langword="null"/> when the configuration cannot be built (the problem is printed).</returns>
    public static async Task<BuiltPipeline?> BuildAsync(string directory, string environment, CliIo io)
    {
        try
        {
            var built = PipelineBuilder.ForDirectory(directory).Build(environment);
            foreach (var warning in built.Warnings)
            {
                await io.Error.WriteLineAsync($"sluice: {warning}");
            }

            return built;
        }
        catch (PipelineConfigException e)
        {
            await io.Error.WriteLineAsync($"sluice: {e.Message}");
            return null;
        }
    }

    /// <summary><c>--env ENV</c>: the environment of a configuration directory.</summary>
    public static System.CommandLine.Option<string?> EnvironmentOption(string description) => new("--env")
    {
        Description = description,
        HelpName = "ENV",
    };
}
