using System.CommandLine;
using Sluice.Cli.Commands;

namespace Sluice.Cli;

/// <summary>The <c>sluice</c> root command and its sub-commands.</summary>
internal static class SluiceCommand
{
    /// <summary>Builds the command tree.</summary>
    public static RootCommand Create(CliIo io)
    {
        var root = new RootCommand(
            "Sluice runs Amazon SageMaker Model Building Pipelines on this machine.\n" +
            "It reads the pipeline definition JSON the SageMaker Python SDK emits, checks it, draws it and runs it,\n" +
            "and builds definitions from YAML configuration per environment.");
        root.Subcommands.Add(ValidateCommand.Create(io));
        root.Subcommands.Add(GraphCommand.Create(io));
        root.Subcommands.Add(BuildCommand.Create(io));
        root.Subcommands.Add(RunCommand.Create(io));
        root.Subcommands.Add(UpsertCommand.Create(io));
        root.Subcommands.Add(ResumeCommand.Create(io));
        root.Subcommands.Add(RetryCommand.Create(io));
        root.Subcommands.Add(ExecutionsCommand.Create(io));
        root.Subcommands.Add(DescribeCommand.Create(io));
        root.Subcommands.Add(CallbackCommand.Create(io));
        root.Subcommands.Add(QueueCommand.Create(io));
        root.Subcommands.Add(ModelsCommand.Create(io));
        root.Subcommands.Add(LogsCommand.Create(io));
        root.Subcommands.Add(S3Command.Create(io));
        root.Subcommands.Add(ServeCommand.Create(io));
        root.Subcommands.Add(EnvCommand.Create(io));
        root.Subcommands.Add(ServersCommand.Create(io));
        root.Subcommands.Add(StoreCommand.Create(io));
        root.Subcommands.Add(ExportCommand.Create(io));
        return root;
    }

    /// <summary>Parses and runs a command line; usage errors exit with <see cref="ExitCodes.Usage"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliIo io, CancellationToken cancellationToken = default)
    {
        var parseResult = Create(io).Parse(args);
        var usageErrors = parseResult.Action is System.CommandLine.Help.HelpAction ? [] : UsageErrors.Of(parseResult);
        if (usageErrors.Count > 0)
        {
            foreach (var line in usageErrors)
            {
                await io.Error.WriteLineAsync(line).ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }

        // Ctrl-C is the commands' own business (sluice run stops the execution gracefully), not a cancellation.
        var configuration = new InvocationConfiguration { Output = io.Out, Error = io.Error, ProcessTerminationTimeout = null };
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
