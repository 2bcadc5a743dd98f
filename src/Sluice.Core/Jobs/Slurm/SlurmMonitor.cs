namespace Sluice.Core.Jobs.Slurm;

/// <summary>
/// Watches every job some caller waits on with one squeue call per tick, whatever their number (ids in batches of
/// <see cref="BatchSize"/>, so a command line never grows past what the system allows). A tick in which nothing changed
/// doubles the interval up to the maximum; a change, or a new job, brings it back to the configured interval. The loop
/// runs only while there are jobs to watch, on the injected clock; it also stops a running job whose MaxRuntime passed.
/// </summary>
/// <param name="settings">The Slurm settings (commands, intervals).</param>
/// <param name="time">The clock of the ticks and of MaxRuntime.</param>
/// <param name="cancel">Stops a job that ran past its MaxRuntime (false: SIGTERM, grace, SIGKILL), or cancels one that will never run (true: at once).</param>
internal sealed class SlurmMonitor(SlurmSettings settings, TimeProvider time, Action<SlurmJob, bool> cancel)
{
    /// <summary>The most job ids one squeue call names.</summary>
    public const int BatchSize = 1000;

    /// <summary>Look-ups in a row that must miss a job with no exit code before it counts as vanished.</summary>
    public const int MissesBeforeVanished = 3;

    private readonly object _gate = new();
    private readonly Dictionary<string, SlurmJob> _watched = new(StringComparer.Ordinal);
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private long _queries;

    /// <summary>How many squeue calls the monitor has made.</summary>
    public long Queries => Interlocked.Read(ref _queries);

    /// <summary>Starts watching a job (again) until it ends; wakes the loop so that it is looked up soon.</summary>
    /// <param name="job">The job.</param>
    public void Watch(SlurmJob job)
    {
        lock (_gate)
        {
            if (job.IsEnded)
            {
                return;
            }

            _watched[job.Handle.JobId] = job;
            if (_loop is null)
            {
                _loop = Task.Run(LoopAsync);
            }
            else
            {
                _wake.TrySetResult();
            }
        }
    }

    /// <summary>Stops watching a job nobody waits on any more (Sluice is shutting down; the job goes on on the cluster).</summary>
    /// <param name="job">The job.</param>
    public void Unwatch(SlurmJob job)
    {
        lock (_gate)
        {
            if (_watched.TryGetValue(job.Handle.JobId, out var watched) && watched == job)
            {
                _watched.Remove(job.Handle.JobId);
            }
        }
    }

    private async Task LoopAsync()
    {
        var interval = settings.PollInterval;
        while (true)
        {
            Task woken;
            TimeSpan delay;
            lock (_gate)
            {
                if (_watched.Count == 0)
                {
                    _loop = null;
                    return;
                }

                woken = _wake.Task;
                delay = DelayUntilNextTick(interval);
            }

            if (await SleepAsync(delay, woken))
            {
                interval = settings.PollInterval;
            }

            lock (_gate)
            {
                if (_wake.Task.IsCompleted)
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            bool changed;
            try
            {
                changed = await TickAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Whatever went wrong (Slurm unreachable, a file unreadable), the loop must go on: jobs are waited on.
                changed = false;
            }

            var doubled = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, settings.MaxPollInterval.Ticks));
            interval = changed ? settings.PollInterval : doubled;
        }
    }

    /// <summary>
    /// Waits until the next tick, looking every <see cref="SlurmSettings.PollInterval"/> for an exit code file (a file
    /// check, no load on Slurm): a job that ended is looked up at once, not when the backed-off interval is over.
    /// </summary>
    /// <returns>Whether a new job woke the loop.</returns>
    private async Task<bool> SleepAsync(TimeSpan delay, Task woken)
    {
        var waited = TimeSpan.Zero;
        do
        {
            var step = delay - waited < settings.PollInterval ? delay - waited : settings.PollInterval;
            using var cancel = new CancellationTokenSource();
            var sleep = Task.Delay(step, time, cancel.Token);
            var first = await Task.WhenAny(sleep, woken);
            await cancel.CancelAsync();
            if (first == woken)
            {
                return true;
            }

            waited += step;
        }
        while (waited < delay && !AnyExitCode());

        return false;
    }

    private bool AnyExitCode()
    {
        lock (_gate)
        {
            return _watched.Values.Any(j => File.Exists(Path.Combine(j.Handle.ControlDirectory, SlurmSubmission.ExitCodeFile)));
        }
    }

    /// <summary>The interval, shortened so that a job's MaxRuntime is checked when it passes.</summary>
    private TimeSpan DelayUntilNextTick(TimeSpan interval)
    {
        var now = time.GetUtcNow();
        var delay = interval;
        foreach (var job in _watched.Values)
        {
            if (job is { RunningSince: { } since, Spec.MaxRuntime: { } max, TimedOut: false })
            {
                var left = since + max - now;
                delay = left < delay ? left : delay;
            }
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    /// <summary>One look-up of every watched job; ends those that ended.</summary>
    /// <returns>Whether anything changed.</returns>
    private async Task<bool> TickAsync()
    {
        List<SlurmJob> jobs;
        lock (_gate)
        {
            jobs = [.. _watched.Values];
        }

        var statuses = new Dictionary<string, SlurmJobStatus>(StringComparer.Ordinal);
        foreach (var batch in jobs.Chunk(BatchSize))
        {
            Interlocked.Increment(ref _queries);
            var result = await SlurmCli.RunAsync(
                settings.Commands.Squeue,
                ["--noheader", "--states=all", $"--jobs={string.Join(',', batch.Select(j => j.Handle.JobId))}", $"--format={SlurmOutput.QueueFormat}"],
                CancellationToken.None);
            if (result.ExitCode != 0 && !result.SaysInvalidJobId)
            {
                // The controller is unreachable or busy: nothing is learnt, and nothing counts as vanished.
                return false;
            }

            foreach (var (id, status) in SlurmOutput.Queue(result.Output))
            {
                statuses[id] = status;
            }
        }

        var changed = false;
        var now = time.GetUtcNow();
        foreach (var job in jobs)
        {
            changed |= Observe(job, statuses.GetValueOrDefault(job.Handle.JobId), now);
        }

        return changed;
    }

    private bool Observe(SlurmJob job, SlurmJobStatus? status, DateTimeOffset now)
    {
        var changed = status != job.LastStatus;
        if (status is not null)
        {
            job.LastStatus = status;
            job.MissingTicks = 0;
        }

        if (status is { IsRunning: true } && job.RunningSince is null)
        {
            job.RunningSince = now;
        }

        if (job is { RunningSince: { } since, Spec.MaxRuntime: { } max, TimedOut: false } && now - since >= max && status is not { IsFinal: true })
        {
            job.TimedOut = true;
            cancel(job, false);
            changed = true;
        }

        if (status is not null && SlurmOutcomes.NeverRuns(job.Handle.JobId, status) is { } never)
        {
            cancel(job, true);
            return Finish(job, new JobOutcome(1, false, false, []) { HostFailure = never });
        }

        // A job whose script wrote 0 has succeeded: Slurm's COMPLETING (epilog, cleanup) adds nothing to its outcome, so
        // it ends now. Any other code waits for Slurm's final state, which may explain it (OUT_OF_MEMORY, TIMEOUT).
        var exitCode = job.ReadExitCode();
        if (status is { IsFinal: false } && !(exitCode == 0 && job is { StopRequested: false, TimedOut: false }))
        {
            return changed;
        }

        if (status is null && exitCode is null && ++job.MissingTicks < MissesBeforeVanished)
        {
            return changed;
        }

        // A job that completed or failed normally wrote its exit code; a shared file system may show it a little later.
        if (status is { State: "COMPLETED" or "FAILED" } && exitCode is null && ++job.EndedWithoutCodeTicks < MissesBeforeVanished)
        {
            return changed;
        }

        var outcome = SlurmOutcomes.Of(job.Handle.JobId, status ?? (job.LastStatus is { IsFinal: true } last ? last : null), exitCode, job.StopRequested, job.TimedOut, job.ErrorLines());
        if (!outcome.Succeeded && job.FailedHost() is { } failedHost)
        {
            outcome = outcome with { FailedHost = failedHost };
        }

        if (outcome is { ExitCode: not 0, HostFailure: null, Stopped: false, TimedOut: false } && job.LimitReason() is { } limit)
        {
            outcome = outcome with { LimitExceeded = limit };
        }
        else if (outcome is { ExitCode: not 0, HostFailure: null } && job.Spec is { } spec)
        {
            outcome = outcome with { LimitHint = LimitReasons.Hint(outcome, spec.Isolation.Limits) ?? InterpreterHints.MissingModule(outcome, spec.Command) };
        }

        return Finish(job, outcome);
    }

    private bool Finish(SlurmJob job, JobOutcome outcome)
    {
        lock (_gate)
        {
            _watched.Remove(job.Handle.JobId);
        }

        job.End(outcome);
        return true;
    }
}
