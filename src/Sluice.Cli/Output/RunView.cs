using System.Globalization;
using Sluice.Core.Definitions;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Spectre.Console;

namespace Sluice.Cli.Output;

/// <summary>
/// Shows an execution while it runs: on a terminal, a table of its steps redrawn in place (status, duration,
/// attempts, cache hits); otherwise one line per step status change, written to <paramref name="progress"/>
/// (standard error when standard output carries JSON).
/// </summary>
internal sealed class RunView(IExecutionReader store, ExecutionRecord execution, PipelineDefinition definition, CliIo io, bool live, TextWriter progress, string logDirectory)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(150);
    private readonly Dictionary<string, StepStatus> _printed = new(StringComparer.Ordinal);

    /// <summary>Follows the execution until <paramref name="completion"/> finishes.</summary>
    public async Task<ExecutionRecord> FollowAsync(Task<ExecutionRecord> completion, CancellationToken cancellationToken)
    {
        if (live)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Out) });
            var table = new Table();
            await console.Live(table).StartAsync(async context =>
            {
                while (!completion.IsCompleted)
                {
                    Fill(table, await store.ListStepsAsync(execution.Arn, cancellationToken), finished: false);
                    context.Refresh();
                    await Task.WhenAny(completion, Task.Delay(Refresh, cancellationToken));
                }

                Fill(table, await store.ListStepsAsync(execution.Arn, cancellationToken), finished: true);
                context.Refresh();
            });
        }
        else
        {
            await progress.WriteLineAsync($"Started {execution.Arn}");
            while (!completion.IsCompleted)
            {
                await PrintChangesAsync(await store.ListStepsAsync(execution.Arn, cancellationToken));
                await Task.WhenAny(completion, Task.Delay(Refresh, cancellationToken));
            }

            await PrintChangesAsync(await store.ListStepsAsync(execution.Arn, cancellationToken));
        }

        return await completion;
    }

    /// <summary>Writes the closing summary: the status, how long it took, the steps' outcomes and any failure reason.</summary>
    public async Task WriteSummaryAsync(ExecutionRecord final, IReadOnlyList<StepRecord> steps)
    {
        var elapsed = final.LastModifiedTime - final.CreationTime;
        var succeeded = steps.Count(s => s.Status == StepStatus.Succeeded);
        var cached = steps.Count(s => s.CacheSourceExecutionArn is not null);
        var failed = steps.Count(s => s.Status == StepStatus.Failed);
        var notRun = definition.AllSteps.Count - steps.Count;
        var parts = new List<string> { $"{succeeded} succeeded" + (cached > 0 ? $" ({cached} from cache)" : string.Empty) };
        if (failed > 0)
        {
            parts.Add($"{failed} failed");
        }

        if (steps.Count(s => s.Status == StepStatus.Stopped) is > 0 and var stopped)
        {
            parts.Add($"{stopped} stopped");
        }

        if (notRun > 0)
        {
            parts.Add($"{notRun} not run");
        }

        await io.Out.WriteLineAsync($"{final.Status} in {Duration(elapsed)}: {string.Join(", ", parts)}");
        await io.Out.WriteLineAsync($"Execution: {final.Arn}");
        if (final.FailureReason is { } reason)
        {
            await io.Out.WriteLineAsync($"Reason: {reason}");
        }
    }

    private async Task PrintChangesAsync(IReadOnlyList<StepRecord> steps)
    {
        foreach (var step in steps)
        {
            if (_printed.TryGetValue(step.StepName, out var last) && last == step.Status)
            {
                continue;
            }

            _printed[step.StepName] = step.Status;
            var at = Duration((step.EndTime ?? step.StartTime ?? execution.CreationTime) - execution.CreationTime);
            var note = Note(step);
            await progress.WriteLineAsync($"[{at,8}] {step.StepName,-32} {step.Status}{(note.Length > 0 ? "  " + note : string.Empty)}");
        }
    }

    private void Fill(Table table, IReadOnlyList<StepRecord> steps, bool finished)
    {
        table.Rows.Clear();
        if (table.Columns.Count == 0)
        {
            table.AddColumns("Step", "Type", "Status", "Duration", "Attempts", "Note");
            table.Border(TableBorder.Rounded);
        }

        var byName = steps.ToDictionary(s => s.StepName, StringComparer.Ordinal);
        foreach (var step in definition.AllSteps)
        {
            var indent = new string(' ', Depth(step) * 2);
            if (!byName.TryGetValue(step.Name, out var record))
            {
                table.AddRow(Markup.Escape(indent + step.Name), Markup.Escape(step.TypeName), finished ? "[grey]not run[/]" : "[grey]waiting[/]", string.Empty, string.Empty, string.Empty);
                continue;
            }

            var duration = record.StartTime is { } start ? Duration((record.EndTime ?? DateTimeOffset.UtcNow) - start) : string.Empty;
            table.AddRow(
                Markup.Escape(indent + step.Name),
                Markup.Escape(step.TypeName),
                StatusMarkup(record.Status),
                duration,
                record.AttemptCount.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(Truncate(record.Status == StepStatus.Executing ? LastLogLine(step.Name) ?? Note(record) : Note(record), 80)));
        }
    }

    /// <summary>The last line a running job wrote, read from the end of its log.</summary>
    private string? LastLogLine(string stepName)
    {
        var path = Path.Combine(logDirectory, stepName + ".log");
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Max(0, stream.Length - 4096), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
    }

    private static int Depth(StepDefinition step)
    {
        var depth = 0;
        for (var parent = step.Parent; parent is not null; parent = parent.Parent)
        {
            depth++;
        }

        return depth;
    }

    private static string Note(StepRecord step) =>
        step.CacheSourceExecutionArn is not null ? "cache hit"
        : step.NextAttemptTime is { } next ? $"retrying at {next.ToLocalTime():HH:mm:ss}: {step.FailureReason}"
        : step.FailureReason ?? string.Empty;

    private static string StatusMarkup(StepStatus status) => status switch
    {
        StepStatus.Succeeded => "[green]Succeeded[/]",
        StepStatus.Failed => "[red]Failed[/]",
        StepStatus.Stopped or StepStatus.Stopping => $"[yellow]{status}[/]",
        _ => $"[blue]{status}[/]",
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Duration(TimeSpan span) => span.TotalSeconds < 60
        ? span.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s"
        : $"{(int)span.TotalMinutes}m{span.Seconds:00}s";
}
