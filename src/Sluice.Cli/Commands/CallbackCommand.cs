using System.CommandLine;
using Sluice.Core.Execution;
using Sluice.Core.Storage;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice callback succeed|fail TOKEN</c>: answers a Callback step's token without a server, from any process
/// sharing the data directory (SendPipelineExecutionStepSuccess / Failure).
/// </summary>
internal static class CallbackCommand
{
    public static Command Create(CliIo io)
    {
        var command = new Command("callback", "Answer a Callback step's token, as SendPipelineExecutionStepSuccess or Failure do.");
        command.Subcommands.Add(Succeed(io));
        command.Subcommands.Add(Fail(io));
        return command;
    }

    private static Command Succeed(CliIo io)
    {
        var token = new Argument<string>("TOKEN") { Description = "The token from the queue message." };
        var outputs = new Option<string[]>("--output", "-o")
        {
            Description = "An output parameter, NAME=VALUE; repeat for more.",
            HelpName = "NAME=VALUE",
            Arity = ArgumentArity.OneOrMore,
        };
        var data = CommonOptions.Data();
        var config = CommonOptions.Config();
        var command = new Command("succeed", "Complete the step successfully, with output parameters.") { token, outputs, data, config };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var values = new List<ParameterValue>();
            foreach (var pair in parseResult.GetValue(outputs) ?? [])
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    await io.Error.WriteLineAsync($"sluice: --output takes NAME=VALUE, not '{pair}'");
                    return ExitCodes.Usage;
                }

                values.Add(new ParameterValue(pair[..equals], pair[(equals + 1)..]));
            }

            return await AnswerAsync(io, parseResult.GetValue(data)!, parseResult.GetValue(config), (engine, ct) => engine.SendStepSuccessAsync(parseResult.GetValue(token)!, values, ct), cancellationToken);
        });
        return command;
    }

    private static Command Fail(CliIo io)
    {
        var token = new Argument<string>("TOKEN") { Description = "The token from the queue message." };
        var reason = new Option<string>("--reason") { Description = "Why the work failed.", Required = true, HelpName = "TEXT" };
        var data = CommonOptions.Data();
        var config = CommonOptions.Config();
        var command = new Command("fail", "Fail the step with a reason.") { token, reason, data, config };
        command.SetAction((parseResult, cancellationToken) =>
            AnswerAsync(io, parseResult.GetValue(data)!, parseResult.GetValue(config), (engine, ct) => engine.SendStepFailureAsync(parseResult.GetValue(token)!, parseResult.GetValue(reason), ct), cancellationToken));
        return command;
    }

    private static async Task<int> AnswerAsync(CliIo io, string data, string? config, Func<PipelineEngine, CancellationToken, Task<string>> answer, CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.OpenEngineAsync(io, data, config, cancellationToken);
        if (host is null)
        {
            return ExitCodes.Usage;
        }

        try
        {
            var executionArn = await answer(host.Engine!, cancellationToken);
            await io.Out.WriteLineAsync(executionArn);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is ResourceNotFoundException or ConflictException)
        {
            await io.Error.WriteLineAsync($"sluice: {e.Message}");
            return ExitCodes.Invalid;
        }
    }
}
