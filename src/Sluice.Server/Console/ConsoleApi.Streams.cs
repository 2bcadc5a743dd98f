using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Sluice.Core.Storage;
using Sluice.Core.Watching;

namespace Sluice.Server.Console;

/// <summary>
/// The live streams: an execution's changes (from the engine's change stream, a fresh snapshot at the start and after
/// any resync) and a step's log (the file as it grows, then an end event once the step is over).
/// </summary>
internal sealed partial class ConsoleApi
{
    private const int LogChunkBytes = 64 * 1024;
    private static readonly TimeSpan LogPollInterval = TimeSpan.FromMilliseconds(250);

    private async Task EventsAsync(HttpContext context, Func<string, JsonNode, Task> send)
    {
        var arn = Query(context, "execution");
        var cancellationToken = context.RequestAborted;
        if (await _engine.Queries.GetExecutionAsync(arn, cancellationToken) is null)
        {
            throw ConsoleProblem.NotFound($"There is no execution '{arn}'.");
        }

        await foreach (var change in _engine.WatchAsync(arn, cancellationToken: cancellationToken))
        {
            switch (change.Kind)
            {
                case ChangeKind.Resync:
                    await send("snapshot", await SnapshotAsync(arn, cancellationToken));
                    break;
                case ChangeKind.Step:
                    await send("step", ConsoleJson.Step(change.Step!));
                    break;
                case ChangeKind.Execution:
                    await send("execution", ConsoleJson.Execution(change.Execution!));
                    break;
            }
        }
    }

    private async Task LogAsync(HttpContext context, Func<string, JsonNode, Task> send)
    {
        var cancellationToken = context.RequestAborted;
        var arn = Query(context, "execution");
        var name = Query(context, "step");
        var execution = await _engine.Queries.GetExecutionAsync(arn, cancellationToken)
            ?? throw ConsoleProblem.NotFound($"There is no execution '{arn}'.");
        var record = (await _engine.Queries.ListStepsAsync(arn, cancellationToken)).FirstOrDefault(s => s.StepName == name)
            ?? throw ConsoleProblem.NotFound($"Step '{name}' has not run in execution '{arn}', so it has no log.");
        var log = LogFile(execution, name);
        if (record.CacheSourceExecutionArn is { } source && (log is null || !File.Exists(log))
            && await _engine.Queries.GetExecutionAsync(source, cancellationToken) is { } sourceExecution)
        {
            await send("note", $"Step '{name}' came from the cache; its job ran in execution {source}, whose log follows.");
            log = LogFile(sourceExecution, name);
            (arn, execution) = (source, sourceExecution);
        }

        if (log is null)
        {
            throw ConsoleProblem.Invalid($"'{name}' is not a step name that has a log.");
        }

        long offset = 0;
        var decoder = Encoding.UTF8.GetDecoder();
        var buffer = new byte[LogChunkBytes];
        var characters = new char[Encoding.UTF8.GetMaxCharCount(LogChunkBytes)];
        await send("start", new JsonObject { ["file"] = File.Exists(log) });
        while (true)
        {
            var read = 0;
            if (File.Exists(log))
            {
                await using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                stream.Seek(offset, SeekOrigin.Begin);
                while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    offset += read;
                    var count = decoder.GetChars(buffer, 0, read, characters, 0);
                    await send("log", new string(characters, 0, count));
                }
            }

            if (await StepEndedAsync(arn, name, cancellationToken))
            {
                // One more look: whatever the job wrote before it ended is in the file now.
                if (File.Exists(log) && new FileInfo(log).Length > offset)
                {
                    continue;
                }

                await send("end", new JsonObject { ["bytes"] = offset });
                return;
            }

            await Task.Delay(LogPollInterval, _engine.Time, cancellationToken);
        }
    }

    private async Task<bool> StepEndedAsync(string arn, string name, CancellationToken cancellationToken)
    {
        var execution = await _engine.Queries.GetExecutionAsync(arn, cancellationToken);
        if (execution is null || execution.Status is not (ExecutionStatus.Executing or ExecutionStatus.Stopping))
        {
            return true;
        }

        var step = (await _engine.Queries.ListStepsAsync(arn, cancellationToken)).FirstOrDefault(s => s.StepName == name);
        return step?.Status is StepStatus.Succeeded or StepStatus.Failed or StepStatus.Stopped;
    }

    /// <summary>Where a step's job log is, <c>{data}/logs/{execution id}/{step}.log</c>; null for a name that would lead outside that folder.</summary>
    private string? LogFile(ExecutionRecord execution, string step)
    {
        var folder = Path.GetFullPath(Path.Combine(_engine.Options.DataDirectory, "logs", execution.ExecutionId));
        var file = Path.GetFullPath(Path.Combine(folder, step + ".log"));
        return Path.GetDirectoryName(file) == folder ? file : null;
    }
}
