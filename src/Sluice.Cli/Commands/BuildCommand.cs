using System.CommandLine;
using Sluice.Cli.Input;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice build CONFIG_DIR --env ENV [-o FILE]</c>: builds an environment's pipeline from its YAML configuration
/// (<c>CONFIG_DIR/ENV/shared_config.yaml</c> and one file per step) and writes the definition JSON, exactly as the
/// SageMaker Python SDK writes it, to standard output or a file. Exits with 0, 1 (the configuration has errors, each
/// named by file, line and key) or 2 (the command line is wrong, or the directory does not exist).
/// </summary>
internal static class BuildCommand
{
    public static Command Create(CliIo io)
    {
        var directory = new Argument<string>("CONFIG_DIR") { Description = "The configuration directory: one folder per environment." };
        var environment = ConfigInput.EnvironmentOption("The environment to build: a folder of CONFIG_DIR, e.g. dev.");
        environment.Required = true;
        var output = new Option<string?>("--output", "-o") { Description = "Write the definition to this file instead of standard output.", HelpName = "FILE" };
        var command = new Command("build", "Build a pipeline definition from YAML configuration (a shared config and one file per step, per environment).")
        {
            directory, environment, output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!Directory.Exists(parseResult.GetValue(directory)))
            {
                // An input that cannot be read is a usage error (2), as for every other command; 1 is for configuration errors.
                await io.Error.WriteLineAsync($"sluice: {parseResult.GetValue(directory)}: no such configuration directory");
                return ExitCodes.Usage;
            }

            var built = await ConfigInput.BuildAsync(parseResult.GetValue(directory)!, parseResult.GetValue(environment)!, io);
            if (built is null)
            {
                return ExitCodes.Invalid;
            }

            if (parseResult.GetValue(output) is not { } file)
            {
                await io.Out.WriteAsync(built.DefinitionJson);
                await io.Out.FlushAsync(cancellationToken);
                return ExitCodes.Success;
            }

            try
            {
                await File.WriteAllTextAsync(file, built.DefinitionJson, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await io.Error.WriteLineAsync($"sluice: {file}: cannot be written: {e.Message}");
                return ExitCodes.Usage;
            }

            await io.Error.WriteLineAsync($"sluice: wrote pipeline '{built.Pipeline.Name}' ({built.Shared.Environment}) to {file}");
            return ExitCodes.Success;
        });
        return command;
    }
}
