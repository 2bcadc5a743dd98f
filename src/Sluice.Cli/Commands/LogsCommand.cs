using System.CommandLine;
using Sluice.Definitions;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Definitions.Validation;

namespace Sluice.Cli.Commands;

/// <summary><c>sluice logs EXECUTION_ARN STEP</c>: what a step's job wrote on standard output and error.</summary>
internal static class LogsCommand
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(250);

    public static Command Create(CliIo io)
    {
        var arn = new Argument<string>("EXECUTION_ARN") { Description = "The execution's ARN." };
        var step = new Argument<string>("STEP") { Description = "The step's name." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing what the job writes until the step ends." };
        var data = CommonOptions.Data();
        var command = new Command("logs", "Print a step's job log (standard output and error).") { arn, step, follow, data };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var executionArn = parseResult.GetValue(arn)!;
            var stepName = parseResult.GetValue(step)!;
            await using var host = await EngineHost.OpenAsync(parseResult.GetValue(data)!, null, withEngine: false, cancellationToken);
            if (await host.Store.GetExecutionAsync(executionArn, cancellationToken) is not { } execution)
            {
                await io.Error.WriteLineAsync($"sluice: there is no execution '{executionArn}'");
                return ExitCodes.Invalid;
            }

            var dataDirectory = Path.GetFullPath(parseResult.GetValue(data)!);
            var records = await host.Store.ListStepsAsync(executionArn, cancellationToken);
            var record = records.FirstOrDefault(s => s.StepName == stepName);
            var names = await StepNamesAsync(host, execution, records, cancellationToken);
            if (record is null && !names.Contains(stepName))
            {
                await io.Error.WriteLineAsync($"sluice: execution '{executionArn}' has no step '{stepName}'{Spelling.Hint(stepName, names)}");
                return ExitCodes.Invalid;
            }

            var log = Path.Combine(dataDirectory, "logs", execution.ExecutionId, stepName + ".log");
            if (record?.CacheSourceExecutionArn is { } source && !File.Exists(log))
            {
                // A cache hit ran no job here: the log is the one of the execution whose result it reused.
                await io.Error.WriteLineAsync($"sluice: step '{stepName}' came from the cache; its job ran in execution '{source}', whose log follows");
                if (await host.Store.GetExecutionAsync(source, cancellationToken) is not { } sourceExecution)
                {
                    await io.Error.WriteLineAsync($"sluice: execution '{source}' no longer exists (its pipeline was deleted)");
                    return ExitCodes.Invalid;
                }

                executionArn = source;
                log = Path.Combine(dataDirectory, "logs", sourceExecution.ExecutionId, stepName + ".log");
            }

            long printed = 0;
            while (true)
            {
                printed = await PrintFromAsync(log, printed, io, cancellationToken);
                if (!parseResult.GetValue(follow) || await EndedAsync(host, executionArn, stepName, cancellationToken))
                {
                    break;
                }

                await Task.Delay(FollowInterval, cancellationToken);
            }

            if (printed == 0 && !File.Exists(log))
            {
                await io.Error.WriteLineAsync(record is null
                    ? $"sluice: step '{stepName}' has not run in this execution, so it has no log"
                    : $"sluice: step '{stepName}' has no job log (only Processing, Training and other job steps write one)");
                return ExitCodes.Invalid;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The names of the execution's steps: those of its pipeline version's definition, and any stored.</summary>
    private static async Task<HashSet<string>> StepNamesAsync(EngineHost host, ExecutionRecord execution, IReadOnlyList<StepRecord> records, CancellationToken cancellationToken)
    {
        var names = records.Select(r => r.StepName).ToHashSet(StringComparer.Ordinal);
        if (await host.Store.GetPipelineAsync(execution.PipelineName, execution.PipelineVersion, cancellationToken) is { } pipeline
            && DefinitionValidator.Validate(pipeline.DefinitionText).Definition is { } definition)
        {
            names.UnionWith(definition.AllSteps.Select(step => step.Name));
        }

        return names;
    }

    private static async Task<long> PrintFromAsync(string log, long offset, CliIo io, CancellationToken cancellationToken)
    {
        if (!File.Exists(log))
        {
            return offset;
        }

        await using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        await io.Out.WriteAsync(await reader.ReadToEndAsync(cancellationToken));
        return stream.Position;
    }

    private static async Task<bool> EndedAsync(EngineHost host, string executionArn, string stepName, CancellationToken cancellationToken)
    {
        var steps = await host.Store.ListStepsAsync(executionArn, cancellationToken);
        var record = steps.FirstOrDefault(s => s.StepName == stepName);
        var execution = await host.Store.GetExecutionAsync(executionArn, cancellationToken);
        return record?.Status is StepStatus.Succeeded or StepStatus.Failed or StepStatus.Stopped
            || execution?.Status is not (ExecutionStatus.Executing or ExecutionStatus.Stopping);
    }
}
