using System.Diagnostics;
using System.Globalization;

namespace Sluice.Core.Jobs.Local;

/// <summary>
/// One running sandboxed job, supervised from the moment it starts: its output is copied to the log, MaxRuntime and
/// the disk limit are enforced, and <see cref="Completion"/> holds how it ended, whether or not anyone waits yet.
/// </summary>
internal sealed class SandboxJob : IDisposable
{
    /// <summary>How often the size of a running job's folder is measured against its disk limit.</summary>
    public static readonly TimeSpan DiskWatchInterval = TimeSpan.FromSeconds(1);

    private const int ErrorLinesKept = 5;

    private readonly JobSpec _job;
    private readonly Process _process;
    private readonly TimeProvider _time;
    private readonly TimeSpan _stopGrace;
    private readonly StreamWriter? _sharedLog;
    private volatile bool _stopRequested;

    /// <summary>Starts supervising a job whose process has just started.</summary>
    /// <param name="job">The job.</param>
    /// <param name="process">Its process.</param>
    /// <param name="time">The clock of MaxRuntime and the disk watch.</param>
    /// <param name="stopGrace">The grace between SIGTERM and SIGKILL.</param>
    /// <param name="sharedLog">
    /// The log writer the instances of a job of several share (writes to it are made under its lock); its owner disposes
    /// it. <see langword="null"/>: the job opens its log itself.
    /// </param>
    public SandboxJob(JobSpec job, Process process, TimeProvider time, TimeSpan stopGrace, StreamWriter? sharedLog = null)
    {
        _job = job;
        _process = process;
        _time = time;
        _stopGrace = stopGrace;
        _sharedLog = sharedLog;
        Completion = SuperviseAsync();
    }

    /// <summary>How the job ended; completes when its process has exited and its output is in the log.</summary>
    public Task<JobOutcome> Completion { get; }

    /// <summary>Stops the job: SIGTERM to every process it started, then SIGKILL after the grace period.</summary>
    public void Stop()
    {
        _stopRequested = true;
        _ = TerminateAsync();
    }

    /// <summary>Kills the job at once (Sluice is shutting down).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    /// <inheritdoc />
    public void Dispose() => _process.Dispose();

    private async Task<JobOutcome> SuperviseAsync()
    {
        await using var owned = _sharedLog is null ? new StreamWriter(_job.LogFile, append: true) { AutoFlush = true } : null;
        var log = _sharedLog ?? owned!;
        var errors = new Queue<string>();
        var pump = Task.WhenAll(
            PumpAsync(_process.StandardOutput, log, null),
            PumpAsync(_process.StandardError, log, errors));

        using var timeout = _job.MaxRuntime is { } max ? new CancellationTokenSource(max, _time) : new CancellationTokenSource();
        using var watchEnd = new CancellationTokenSource();
        var diskWatch = WatchDiskAsync(watchEnd.Token);
        await using var onTimeout = timeout.Token.Register(() => _ = TerminateAsync());
        await _process.WaitForExitAsync(CancellationToken.None);
        await watchEnd.CancelAsync();
        var diskExceeded = await diskWatch;
        await pump;
        lock (errors)
        {
            var outcome = new JobOutcome(_process.ExitCode, timeout.IsCancellationRequested, _stopRequested, [.. errors]);
            return diskExceeded
                ? outcome with { LimitExceeded = LimitReasons.DiskExceeded(_job.Isolation.Limits) }
                : outcome with
                {
                    LimitHint = outcome.ExitCode == 0 ? null : LimitReasons.Hint(outcome, _job.Isolation.Limits) ?? InterpreterHints.MissingModule(outcome, _job.Command),
                };
        }
    }

    /// <summary>Measures the job's folder every <see cref="DiskWatchInterval"/>; kills the job when it holds more than its disk limit.</summary>
    /// <returns>Whether the job was killed for it.</returns>
    private async Task<bool> WatchDiskAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(DiskWatchInterval, _time, cancellationToken);
                if (JobFiles.SizeOf(_job.JobDirectory) > _job.Isolation.Limits.DiskBytes)
                {
                    Kill();
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return JobFiles.SizeOf(_job.JobDirectory) > _job.Isolation.Limits.DiskBytes;
        }
    }

    private static async Task PumpAsync(StreamReader reader, StreamWriter log, Queue<string>? errors)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (log)
            {
                log.WriteLine(line);
            }

            if (errors is not null)
            {
                lock (errors)
                {
                    errors.Enqueue(line);
                    if (errors.Count > ErrorLinesKept)
                    {
                        errors.Dequeue();
                    }
                }
            }
        }
    }

    private async Task TerminateAsync()
    {
        try
        {
            Signal(NativeMethods.SigTerm);
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(_stopGrace, _time);
        }
        catch (TimeoutException)
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    /// <summary>Sends a signal to every process the job started (bwrap passes none on), deepest first.</summary>
    private void Signal(int signal)
    {
        var descendants = Descendants(_process.Id);
        for (var i = descendants.Count - 1; i >= 0; i--)
        {
            _ = NativeMethods.Kill(descendants[i], signal);
        }
    }

    private static List<int> Descendants(int root)
    {
        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
        {
            string[] tasks;
            try
            {
                tasks = Directory.GetDirectories($"/proc/{pid}/task");
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var task in tasks)
            {
                string children;
                try
                {
                    children = File.ReadAllText(Path.Combine(task, "children"));
                }
                catch (IOException)
                {
                    continue;
                }

                foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var id = int.Parse(child, CultureInfo.InvariantCulture);
                    found.Add(id);
                    queue.Enqueue(id);
                }
            }
        }

        return found;
    }
}
