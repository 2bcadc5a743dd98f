using System.CommandLine;
using Sluice.Cli.Execution;
using Sluice.Core.Execution;
using Sluice.Core.Storage;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice retry EXECUTION_ARN</c>: RetryPipelineExecution from the command line: a Failed or Stopped execution runs
/// again from where it ended, and the command follows it as <c>run</c> does (and exits as it does).
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
                ExecutionRecord execution;
                try
                {
                    execution = await host.Engine!.RetryExecutionAsync(parseResult.GetValue(arn)!, cancellationToken);
                }
                catch (Exception e) when (e is ResourceNotFoundException or ConflictException)
                {
                    await io.Error.WriteLineAsync($"sluice: {e.Message}");
                    return ExitCodes.Invalid;
                }

                var finals = await ExecutionFollower.FollowAsync(host.Engine, [execution], parseResult.GetValue(data)!, json: false, io, cancellationToken);
                return ExecutionFollower.ExitCode(finals);
            }
        });
        return command;
    }
}
