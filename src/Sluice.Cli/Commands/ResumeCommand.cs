using System.CommandLine;
using Sluice.Core.Execution;
using Sluice.Core.Storage;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice resume</c>: resumes every execution a data directory holds as Executing or Stopping (left by a process
/// that ended: a crash, a kill, a second Ctrl-C) and waits for them. Succeeded steps never run again.
/// </summary>
internal static class ResumeCommand
{
    public static Command Create(CliIo io)
    {
        var data = CommonOptions.Data();
        var config = CommonOptions.Config();
        var command = new Command("resume", "Resume the unfinished executions of a data directory and wait for them.") { data, config };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await EngineHost.OpenEngineAsync(io, parseResult.GetValue(data)!, parseResult.GetValue(config), cancellationToken) is not { } host)
            {
                return ExitCodes.Usage;
            }

            await using (host)
            {
                var resumed = await host.Engine!.ResumeAsync(cancellationToken);
                if (resumed.Count == 0)
                {
                    await io.Out.WriteLineAsync("Nothing to resume.");
                    return ExitCodes.Success;
                }

                var exit = ExitCodes.Success;
                foreach (var execution in resumed)
                {
                    await io.Out.WriteLineAsync($"Resumed {execution.Arn}");
                }

                foreach (var execution in resumed)
                {
                    var final = await host.Engine.WaitAsync(execution.Arn, cancellationToken);
                    await io.Out.WriteLineAsync($"{final.Status}: {final.Arn}{(final.FailureReason is { } reason ? $" ({reason})" : string.Empty)}");
                    if (final.Status != ExecutionStatus.Succeeded)
                    {
                        exit = ExitCodes.Invalid;
                    }
                }

                return exit;
            }
        });
        return command;
    }
}
