using System.CommandLine;
using Sluice.Cli.Execution;
using Sluice.Core.Execution;
using Sluice.Core.Storage;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice resume</c>: resumes every execution a data directory holds as Executing or Stopping (left by a process
/// that ended: a crash, a kill, a second Ctrl-C) and follows them as <c>run</c> does. Succeeded steps never run again.
/// Exits as <c>run</c> does: 1 if one failed, else 3 if one stopped, else 0.
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

                foreach (var execution in resumed)
                {
                    await io.Error.WriteLineAsync($"sluice: resumed {execution.Arn}");
                }

                var finals = await ExecutionFollower.FollowAsync(host.Engine, resumed, parseResult.GetValue(data)!, json: false, io, cancellationToken);
                return ExecutionFollower.ExitCode(finals);
            }
        });
        return command;
    }
}
