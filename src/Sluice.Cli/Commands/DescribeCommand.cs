using System.CommandLine;
using Sluice.Cli.Output;
using Sluice.Definitions;

namespace Sluice.Cli.Commands;

/// <summary><c>sluice describe EXECUTION_ARN</c>: one execution with its steps and parameters, as JSON in the API's shapes.</summary>
internal static class DescribeCommand
{
    public static Command Create(CliIo io)
    {
        var arn = new Argument<string>("EXECUTION_ARN") { Description = "The execution's ARN (as 'sluice executions' lists it)." };
        var data = CommonOptions.Data();
        var command = new Command("describe", "Show an execution with its steps and parameters, as JSON.") { arn, data };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var host = await EngineHost.OpenAsync(parseResult.GetValue(data)!, null, withEngine: false, cancellationToken);
            var target = parseResult.GetValue(arn)!;
            if (await host.Store.GetExecutionAsync(target, cancellationToken) is not { } execution)
            {
                await io.Error.WriteLineAsync($"sluice: there is no execution '{target}' in {parseResult.GetValue(data)}");
                return ExitCodes.Invalid;
            }

            var steps = await host.Store.ListStepsAsync(execution.Arn, cancellationToken);
            var pipeline = await host.Store.GetPipelineAsync(execution.PipelineName, execution.PipelineVersion, cancellationToken);
            var definition = pipeline is null ? null : DefinitionReader.Read(pipeline.DefinitionText).Definition;
            await io.Out.WriteLineAsync(RunJson.Write(execution, steps, definition));
            return ExitCodes.Success;
        });
        return command;
    }
}
