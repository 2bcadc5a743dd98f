using System.CommandLine;
using System.Globalization;
using Sluice.Definitions;
using Sluice.Core.Storage;

namespace Sluice.Cli.Commands;

/// <summary><c>sluice executions</c>: lists the executions of a data directory, newest first.</summary>
internal static class ExecutionsCommand
{
    public static Command Create(CliIo io)
    {
        var data = CommonOptions.Data();
        var pipeline = new Option<string?>("--pipeline") { Description = "Only this pipeline's executions.", HelpName = "NAME" };
        var command = new Command("executions", "List executions, newest first.") { data, pipeline };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var host = await EngineHost.OpenAsync(parseResult.GetValue(data)!, null, withEngine: false, cancellationToken);
            var name = parseResult.GetValue(pipeline);
            var executions = await host.Store.ListExecutionsAsync(name, cancellationToken);
            if (executions.Count == 0 && name is not null)
            {
                // A filter that matches nothing says so, not that the store is empty; a pipeline that does not exist
                // is an error, as ListPipelineExecutions' ResourceNotFound is.
                var pipelines = (await host.Store.ListPipelinesAsync(cancellationToken)).Select(p => p.Name).ToList();
                if (!pipelines.Contains(name, StringComparer.Ordinal))
                {
                    await io.Error.WriteLineAsync($"sluice: there is no pipeline '{name}'{Spelling.Hint(name, pipelines)}");
                    return ExitCodes.Invalid;
                }

                await io.Error.WriteLineAsync($"sluice: pipeline '{name}' has no executions yet.");
                return ExitCodes.Success;
            }

            if (executions.Count == 0)
            {
                await io.Error.WriteLineAsync("sluice: no executions yet; start one with 'sluice run FILE'.");
                return ExitCodes.Success;
            }

            await io.Out.WriteLineAsync($"{"CREATED (UTC)",-20} {"STATUS",-10} {"PIPELINE",-24} EXECUTION ARN");
            foreach (var execution in executions)
            {
                await io.Out.WriteLineAsync(
                    $"{execution.CreationTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),-20} {execution.Status,-10} {execution.PipelineName,-24} {execution.Arn}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
