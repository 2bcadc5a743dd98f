using System.Globalization;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Core.Watching;
using Sluice.Definitions;
using Spectre.Console;

namespace Sluice.Cli.Output;

/// <summary>
/// Shows an execution while it runs: on a terminal, a table of its steps redrawn in place (status, duration,
/// attempts, cache hits); otherwise one line per step status change, written to <paramref name="progress"/>
/// (standard error when standard output carries JSON). It reads the steps again when the engine's stream of changes
/// (<paramref name="watch"/>, <see cref="PipelineEngine.WatchAsync"/>) says something was stored, never on a timer.
/// </summary>
internal sealed class RunView(
    IExecutionReader store,
    ExecutionRecord execution,
    PipelineDefinition definition,
    CliIo io,
    bool live,
    TextWriter progress,
    string logDirectory,
    Func<CancellationToken, IAsyncEnumerable<ExecutionChange>> watch)
{
    /// <summary>How often the table is redrawn without a change, so running steps' durations move on.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    /// <summary>The terminal width from which the table has room for a Type column.</summary>
    private const int WideTerminal = 100;
    private const int StatusWidth = 9;
    private const int DurationWidth = 8;
    private const int AttemptsWidth = 8;
    private const int MinimumStepWidth = 12;
    private const int MinimumNoteWidth = 12;
    private readonly Dictionary<string, StepStatus> _printed = new(StringComparer.Ordinal);
    private TimeSpan _lastPrinted;

    /// <summary>Follows the execution until <paramref name="completion"/> finishes.</summary>
    public async Task<ExecutionRecord> FollowAsync(Task<ExecutionRecord> completion, CancellationToken cancellationToken)
    {
        // Changes only wake the view; it then reads the steps as stored, so changes that come in a burst cost one read.
        var changed = new SemaphoreSlim(0, 1);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(changed, watching.Token);
        try
        {
            if (live)
            {
                await FollowLiveAsync(completion, changed, cancellationToken);
            }
            else
            {
                await progress.WriteLineAsync($"Started {execution.Arn}");
                while (!completion.IsCompleted)
                {
                    await PrintChangesAsync(await store.ListStepsAsync(execution.Arn, cancellationToken));
                    await Task.WhenAny(completion, changed.WaitAsync(cancellationToken));
                }

                await PrintChangesAsync(await store.ListStepsAsync(execution.Arn, cancellationToken));
            }

            return await completion;
        }
        finally
        {
            await watching.CancelAsync();
            await pump;
        }
    }

    /// <summary>
    /// The table redrawn in place, on a terminal. In a method of its own so that a run without a terminal (or with
    /// <c>--json</c>) never loads Spectre.Console: its types in the caller's hoisted locals would load the assembly.
    /// </summary>
    private async Task FollowLiveAsync(Task<ExecutionRecord> completion, SemaphoreSlim changed, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Out) });
        var table = new Table();
        await console.Live(table).StartAsync(async context =>
        {
            var steps = await store.ListStepsAsync(execution.Arn, cancellationToken);
            while (!completion.IsCompleted)
            {
                Fill(table, steps, finished: false, console.Profile.Width);
                context.Refresh();
                var wake = changed.WaitAsync(Tick, cancellationToken);
                if (await Task.WhenAny(completion, wake) == wake && await wake)
                {
                    steps = await store.ListStepsAsync(execution.Arn, cancellationToken);
                }
            }

            Fill(table, await store.ListStepsAsync(execution.Arn, cancellationToken), finished: true, console.Profile.Width);
            context.Refresh();
        });
    }

    /// <summary>Signals <paramref name="changed"/> (at most once pending) for every change the engine reports, until cancelled.</summary>
    private async Task PumpAsync(SemaphoreSlim changed, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in watch(cancellationToken))
            {
                if (changed.CurrentCount == 0)
                {
                    try
                    {
                        changed.Release();
                    }
                    catch (SemaphoreFullException)
                    {
                        // another change signalled it meanwhile: one wake-up is enough
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the view is done
        }
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

    /// <summary>
    /// Prints each step whose status changed since the last look, in the order the changes happened: one look can see
    /// several (the store lists steps by start, so a long step's end would otherwise come before a short one's that
    /// ended earlier), and a change seen late is stamped no earlier than the line before it, so the lines read as a log.
    /// </summary>
    private async Task PrintChangesAsync(IReadOnlyList<StepRecord> steps)
    {
        var changes = new List<(TimeSpan At, StepRecord Step)>();
        foreach (var step in steps)
        {
            if (_printed.TryGetValue(step.StepName, out var last) && last == step.Status)
            {
                continue;
            }

            _printed[step.StepName] = step.Status;
            changes.Add(((step.EndTime ?? step.StartTime ?? execution.CreationTime) - execution.CreationTime, step));
        }

        foreach (var (at, step) in changes.OrderBy(c => c.At))
        {
            _lastPrinted = at > _lastPrinted ? at : _lastPrinted;
            var note = Note(step);
            await progress.WriteLineAsync($"[{Duration(_lastPrinted),8}] {step.StepName,-32} {step.Status}{(note.Length > 0 ? "  " + note : string.Empty)}");
        }
    }

    /// <summary>
    /// Fills the table with one row per step, each row one line at any terminal width: cells are cut to their column
    /// (with '…') rather than wrapped, which would split a step over two rows; the Type column is left out below
    /// <see cref="WideTerminal"/> columns, and the step names and the note share what remains.
    /// </summary>
    private void Fill(Table table, IReadOnlyList<StepRecord> steps, bool finished, int width)
    {
        table.Rows.Clear();
        var withType = width >= WideTerminal;
        if (table.Columns.Count == 0)
        {
            var layout = Layout(width, withType);
            table.AddColumn(new TableColumn("Step") { Width = layout.Step, NoWrap = true });
            if (withType)
            {
                table.AddColumn(new TableColumn("Type") { Width = layout.Type, NoWrap = true });
            }

            table.AddColumn(new TableColumn("Status") { Width = StatusWidth, NoWrap = true });
            table.AddColumn(new TableColumn("Duration") { Width = DurationWidth, NoWrap = true });
            table.AddColumn(new TableColumn("Attempts") { Width = AttemptsWidth, NoWrap = true });
            table.AddColumn(new TableColumn("Note") { Width = layout.Note, NoWrap = true });
            table.Border(TableBorder.Rounded);
        }

        var stepWidth = table.Columns[0].Width!.Value;
        var noteWidth = table.Columns[^1].Width!.Value;
        var byName = steps.ToDictionary(s => s.StepName, StringComparer.Ordinal);
        foreach (var step in definition.AllSteps)
        {
            var cells = new List<string> { Markup.Escape(Truncate(new string(' ', Depth(step) * 2) + step.Name, stepWidth)) };
            if (withType)
            {
                cells.Add(Markup.Escape(Truncate(step.TypeName, table.Columns[1].Width!.Value)));
            }

            if (!byName.TryGetValue(step.Name, out var record))
            {
                cells.AddRange([finished ? "[grey]not run[/]" : "[grey]waiting[/]", string.Empty, string.Empty, string.Empty]);
                table.AddRow([.. cells]);
                continue;
            }

            var duration = record.StartTime is { } start ? Duration((record.EndTime ?? DateTimeOffset.UtcNow) - start) : string.Empty;
            var note = record.Status == StepStatus.Executing ? LastLogLine(step.Name) ?? Note(record) : Note(record);
            cells.AddRange([
                StatusMarkup(record.Status),
                duration,
                record.AttemptCount.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(Truncate(note, noteWidth)),
            ]);
            table.AddRow([.. cells]);
        }
    }

    /// <summary>The widths of the Step, Type and Note columns at a terminal width; the others have fixed widths.</summary>
    private (int Step, int Type, int Note) Layout(int width, bool withType)
    {
        var columns = withType ? 6 : 5;

        // A rounded border with the default padding takes one character before the first column and three per column.
        var free = Math.Max(0, width - 1 - (3 * columns) - StatusWidth - DurationWidth - AttemptsWidth);
        var type = withType ? Math.Max("Type".Length, definition.AllSteps.Max(s => s.TypeName.Length)) : 0;
        free -= type;
        var longest = Math.Max("Step".Length, definition.AllSteps.Max(s => (Depth(s) * 2) + s.Name.Length));
        var step = Math.Max(Math.Min(MinimumStepWidth, free), Math.Min(longest, free - MinimumNoteWidth));
        return (step, type, Math.Max("Note".Length, free - step));
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

    private static string Truncate(string text, int length) => text.Length <= length ? text : length <= 1 ? "…" : text[..(length - 1)] + "…";

    private static string Duration(TimeSpan span) => span.TotalSeconds < 60
        ? span.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s"
        : $"{(int)span.TotalMinutes}m{span.Seconds:00}s";
}
