using System.CommandLine;
using Sluice.Core.Execution;
using Sluice.Core.Storage;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice retry EXECUTION_ARN</c>: RetryPipelineExecution from the command line: a Failed or Stopped execution runs
/// again from where it ended, and the command waits for it.
/// </summary>
internal static class RetryCommand
{
    public static Command Create(CliIo io)
    {
        var arn = new Argument<string>("EXECUTION_ARN") { Description = "The Failed or Stopped execution to run again." };
        var data = CommonOptions.Data();
        var config = CommonOptions.Config();
        var command = new Command("retry", "Run a Failed or Stopped execution again: succeeded steps keep their results.") { arn, data, config };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await EngineHost.OpenEngineAsync(io, parseResult.GetValue(data)!, parseResult.GetValue(config), cancellationToken) is not { } host)
            {
                return ExitCodes.Usage;
            }

            await using (host)
            {
                try
                {
                    var execution = await host.Engine!.RetryExecutionAsync(parseResult.GetValue(arn)!, cancellationToken);
                    var final = await host.Engine.WaitAsync(execution.Arn, cancellationToken);
                    await io.Out.WriteLineAsync($"{final.Status}: {final.Arn}{(final.FailureReason is { } reason ? $" ({reason})" : string.Empty)}");
                    return final.Status switch
                    {
                        ExecutionStatus.Succeeded => ExitCodes.Success,
                        ExecutionStatus.Stopped => RunCommand.StoppedExitCode,
                        _ => ExitCodes.Invalid,
                    };
                }
                catch (Exception e) when (e is ResourceNotFoundException or ConflictException)
                {
                    await io.Error.WriteLineAsync($"sluice: {e.Message}");
                    return ExitCodes.Invalid;
                }
            }
        });
        return command;
    }
}
