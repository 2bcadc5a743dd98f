using System.Collections.Concurrent;
using Sluice.Core.Jobs.Local;

namespace Sluice.Core.Jobs.Slurm;

/// <summary>
/// Runs jobs on a Slurm cluster through its command-line tools: <c>sbatch --parsable</c> submits a batch script that
/// runs the job in the same bubblewrap sandbox and <c>/opt/ml</c> layout as the local host, one batched <c>squeue</c>
/// per tick follows every job waited on (<see cref="SlurmMonitor"/>), <c>scancel</c> stops a job (SIGTERM, the grace,
/// SIGKILL), and the exit code comes from a file the script writes. The job's folder, control folder and log live in
/// the data directory, which the compute nodes must share (docs/slurm.md).
/// </summary>
/// <remarks>
/// Slurm jobs outlive Sluice: shutdown abandons a wait and leaves the job running, and a restarted Sluice re-attaches to
/// it from the saved handle (<see cref="ReattachAsync"/>), or reads the exit code it left if it ended meanwhile.
/// </remarks>
public sealed class SlurmJobHost : IJobHost
{
    /// <summary>The <see cref="JobHandle.Host"/> of this host's handles, and its name in <c>jobs.host</c>.</summary>
    public const string HostName = "slurm";

    private readonly SlurmSettings _settings;
    private readonly TimeProvider _time;
    private readonly TimeSpan _stopGrace;
    private readonly SlurmMonitor _monitor;
    private readonly ConcurrentDictionary<string, SlurmJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>Creates the host.</summary>
    /// <param name="settings">The Slurm settings (<c>jobs.slurm</c>).</param>
    /// <param name="time">The clock of polling, the stop grace and MaxRuntime.</param>
    /// <param name="stopGrace">How long a stopped job has between SIGTERM and SIGKILL.</param>
    public SlurmJobHost(SlurmSettings settings, TimeProvider time, TimeSpan stopGrace)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _time = time;
        _stopGrace = stopGrace;
        _monitor = new SlurmMonitor(settings, time, (job, atOnce) => _ = atOnce ? CancelAsync(job) : StopSequenceAsync(job));
    }

    /// <summary>How many squeue calls this host has made: one per tick for all the jobs waited on.</summary>
    public long QueueQueries => _monitor.Queries;

    /// <inheritdoc />
    /// <exception cref="SlurmException">When sbatch is missing or refuses the job; the message holds what it printed.</exception>
    /// <exception cref="SandboxUnavailableException">When setpriv or prlimit is missing on this machine.</exception>
    public async Task<JobHandle> SubmitAsync(JobSpec job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        cancellationToken.ThrowIfCancellationRequested();
        var tools = SandboxTools.Current;
        var control = SlurmSubmission.ControlDirectoryOf(job.JobDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(job.LogFile))!);
        // The script holds the job's environment: only Sluice's user may read the control folder.
        Directory.CreateDirectory(control);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(control, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // What an earlier submission of this attempt left: exit codes, standard errors, a limit reason, a failed instance.
        foreach (var stale in Directory.EnumerateFiles(control).Where(f => Path.GetFileName(f) != SlurmSubmission.SlurmOutputFile).ToList())
        {
            File.Delete(stale);
        }

        var log = Path.GetFullPath(job.LogFile);
        var instances = job.AllHosts;
        if (instances.Count > 1 && instances.FirstOrDefault(i => !SlurmSubmission.IsHostName(i.HostName)) is { } badly)
        {
            throw new ArgumentException($"instance host name '{badly.HostName}' is not letters, digits and '-'", nameof(job));
        }

        for (var task = 0; task < instances.Count; task++)
        {
            var instance = instances[task];
            var identity = SandboxIdentity.Next(instance.Isolation);
            Directory.CreateDirectory(instance.JobDirectory);
            if (identity.AsRoot)
            {
                SandboxJobHost.GiveTree(instance.JobDirectory, identity.Uid);
            }

            var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
            JobEnvironment.Fill(environment, instance);
            var sandbox = new List<string> { SandboxTools.Bubblewrap };
            sandbox.AddRange(SandboxArguments.For(instance, identity, tools));
            var disk = SlurmDiskWatch.Of(instance);
            var text = instances.Count == 1
                ? SlurmSubmission.Script(sandbox, environment, log, control, disk)
                : SlurmSubmission.HostScript(instance.HostName, sandbox, environment, log, control, disk);
            await File.WriteAllTextAsync(Path.Combine(control, instances.Count == 1 ? SlurmSubmission.ScriptFile : SlurmSubmission.HostScriptFile(task)), text, cancellationToken);
        }

        if (instances.Count > 1)
        {
            var group = SlurmSubmission.GroupScript([.. instances.Select(i => i.HostName)], log, control);
            await File.WriteAllTextAsync(Path.Combine(control, SlurmSubmission.ScriptFile), group, cancellationToken);
        }

        var result = await SlurmCli.RunAsync(_settings.Commands.Sbatch, SlurmSubmission.SbatchArguments(job, _settings, control, _stopGrace), cancellationToken);
        if (result.ExitCode != 0 || SlurmOutput.JobIdOf(result.Output) is not { } id)
        {
            var said = (result.Error + result.Output).Trim();
            throw new SlurmException($"sbatch refused the job (exit code {result.ExitCode}): {(said.Length == 0 ? "(it printed nothing)" : said)}");
        }

        var slurmJob = new SlurmJob(new SlurmJobHandle(id, control), job);
        _jobs[id] = slurmJob;
        return slurmJob.Handle.ToHandle();
    }

    /// <inheritdoc />
    /// <remarks>Shutdown (<paramref name="cancellationToken"/>) abandons the wait and leaves the job running on the cluster, to be re-attached.</remarks>
    public async Task<JobOutcome> WaitAsync(JobHandle handle, CancellationToken stop, CancellationToken cancellationToken)
    {
        var job = Track(handle) ?? throw new ArgumentException($"'{handle.Id}' is not a handle of a Slurm job", nameof(handle));
        _monitor.Watch(job);
        await using var onStop = stop.Register(() => _ = StopAsync(handle, CancellationToken.None));
        try
        {
            return await job.Completion.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: the job runs on; a restarted Sluice re-attaches to it. Nobody here needs its state any more.
            _monitor.Unwatch(job);
            _jobs.TryRemove(job.Handle.JobId, out _);
            throw;
        }
        finally
        {
            if (job.IsEnded)
            {
                _jobs.TryRemove(job.Handle.JobId, out _);
            }
        }
    }

    /// <inheritdoc />
    public Task StopAsync(JobHandle handle, CancellationToken cancellationToken)
    {
        if (Track(handle) is { IsEnded: false } job)
        {
            job.StopRequested = true;
            _ = StopSequenceAsync(job);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Attached when this process knows the job, when <c>scontrol show job</c> still knows it, when it left an exit code,
    /// or when Slurm cannot be asked now (the wait then keeps asking); lost when Slurm no longer knows it and it left
    /// no exit code.
    /// </remarks>
    public async Task<JobReattachment> ReattachAsync(JobHandle handle, CancellationToken cancellationToken)
    {
        if (SlurmJobHandle.TryParse(handle) is not { } parsed)
        {
            return JobReattachment.Lost($"the saved job handle '{handle.Id}' is not one of a Slurm job");
        }

        if (_jobs.ContainsKey(parsed.JobId) || new SlurmJob(parsed, null).ReadExitCode() is not null)
        {
            return JobReattachment.Attached;
        }

        var result = await SlurmCli.RunAsync(_settings.Commands.Scontrol, ["show", "job", parsed.JobId], cancellationToken);
        if (result.ExitCode == 0 && SlurmOutput.ShowJob(result.Output) is not null)
        {
            return JobReattachment.Attached;
        }

        return result.SaysInvalidJobId && new SlurmJob(parsed, null).ReadExitCode() is null
            ? JobReattachment.Lost($"Slurm job {parsed.JobId} is no longer known to Slurm and left no exit code in {parsed.ControlDirectory}")
            : JobReattachment.Attached;
    }

    private SlurmJob? Track(JobHandle handle) =>
        SlurmJobHandle.TryParse(handle) is { } parsed ? _jobs.GetOrAdd(parsed.JobId, _ => new SlurmJob(parsed, null)) : null;

    /// <summary>Cancels a job that will never run.</summary>
    private async Task CancelAsync(SlurmJob job)
    {
        if (!job.BeginStopping())
        {
            return;
        }

        try
        {
            await SlurmCli.RunAsync(_settings.Commands.Scancel, [job.Handle.JobId], CancellationToken.None);
        }
        catch (SlurmException)
        {
            // Slurm cannot be reached: the job stays pending until an administrator removes it.
        }
    }

    /// <summary>SIGTERM to every process of the job, the grace, then SIGKILL and cancellation; a pending job is cancelled at once.</summary>
    private async Task StopSequenceAsync(SlurmJob job)
    {
        if (!job.BeginStopping())
        {
            return;
        }

        var scancel = _settings.Commands.Scancel;
        var id = job.Handle.JobId;
        try
        {
            if (job.LastStatus is { State: "PENDING" })
            {
                await SlurmCli.RunAsync(scancel, [id], CancellationToken.None);
                return;
            }

            var term = await SlurmCli.RunAsync(scancel, ["--signal=TERM", "--full", id], CancellationToken.None);
            if (term.ExitCode != 0)
            {
                // Not running yet (pending jobs take no signal): cancelling it is all there is to do.
                await SlurmCli.RunAsync(scancel, [id], CancellationToken.None);
                return;
            }

            await Task.WhenAny(job.Completion, Task.Delay(_stopGrace, _time));
            if (!job.IsEnded)
            {
                await SlurmCli.RunAsync(scancel, ["--signal=KILL", "--full", id], CancellationToken.None);
                await SlurmCli.RunAsync(scancel, [id], CancellationToken.None);
            }
        }
        catch (SlurmException)
        {
            // Slurm cannot be reached: the monitor goes on asking, and the job's time limit still holds on the cluster.
        }
    }
}
