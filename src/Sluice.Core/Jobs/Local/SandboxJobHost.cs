using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Sluice.Core.Jobs.Local;

/// <summary>
/// The local job host: runs jobs as real processes inside a bubblewrap sandbox that isolates them: a job is untrusted
/// code, sees only the system folders (read-only) and its own folder as <c>/opt/ml</c>, runs as a user without
/// capabilities in its own namespaces, and is held to the limits of its <see cref="JobSpec.Isolation"/> (see
/// <see cref="SandboxArguments"/> and docs/security.md). Scripts written for SageMaker containers find their inputs and
/// write their outputs where they expect. There is no fallback without the sandbox.
/// </summary>
/// <remarks>
/// bubblewrap runs with <c>--die-with-parent</c>, so a job never outlives the Sluice process that started it: a handle
/// saved by an earlier process is always lost (<see cref="ReattachAsync"/>), with the reason the engine gave an
/// interrupted step before this seam existed, and the step is retried per its RetryPolicies or fails.
/// </remarks>
/// <param name="time">The clock for MaxRuntime and the disk watch.</param>
/// <param name="stopGrace">How long a stopped job has between SIGTERM and SIGKILL.</param>
public sealed class SandboxJobHost(TimeProvider time, TimeSpan stopGrace) : IJobHost
{
    /// <summary>The <see cref="JobHandle.Host"/> of this host's handles.</summary>
    public const string HostName = "local";

    /// <summary>Why a job of an earlier process cannot be waited on: the step's FailureReason, as the engine has always worded it.</summary>
    public const string LostReason = "the Sluice process running this step stopped before the step finished";

    /// <summary>How often the size of a running job's folder is measured against its disk limit.</summary>
    public static readonly TimeSpan DiskWatchInterval = SandboxJob.DiskWatchInterval;

    /// <summary>The jobs this process started and nobody has finished waiting on.</summary>
    private readonly ConcurrentDictionary<string, SandboxJobGroup> _jobs = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <remarks>A job of several instances (<see cref="JobSpec.OtherHosts"/>) runs one sandbox per instance, each as a user of its own.</remarks>
    /// <exception cref="SandboxUnavailableException">When bubblewrap or util-linux is not installed.</exception>
    public Task<JobHandle> SubmitAsync(JobSpec job, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tools = SandboxTools.Current;
        var started = new List<SandboxJob>();
        // The instances of a job of several write one log: through one writer, line by line under its lock.
        var sharedLog = job.OtherHosts.Count == 0 ? null : OpenLog(job.LogFile);
        try
        {
            foreach (var instance in job.AllHosts)
            {
                var identity = SandboxIdentity.Next(instance.Isolation);
                Directory.CreateDirectory(instance.JobDirectory);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(instance.LogFile))!);
                if (identity.AsRoot)
                {
                    GiveTree(instance.JobDirectory, identity.Uid);
                }

                started.Add(new SandboxJob(instance, Start(instance, identity, tools), time, stopGrace, sharedLog));
            }
        }
        catch (Exception)
        {
            foreach (var running in started)
            {
                running.Kill();
            }

            sharedLog?.Dispose();
            throw;
        }

        var handle = new JobHandle(HostName, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        _jobs[handle.Id] = new SandboxJobGroup(started, [.. job.AllHosts.Select(h => h.HostName)], sharedLog);
        return Task.FromResult(handle);
    }

    /// <inheritdoc />
    /// <remarks>Shutdown (<paramref name="cancellationToken"/>) kills the job at once: it could not outlive Sluice anyway.</remarks>
    public async Task<JobOutcome> WaitAsync(JobHandle handle, CancellationToken stop, CancellationToken cancellationToken)
    {
        var job = Find(handle) ?? throw new ArgumentException($"no job of this process has the handle {handle.Id}", nameof(handle));
        await using var onStop = stop.Register(job.Stop);
        await using var onShutdown = cancellationToken.Register(job.Kill);
        try
        {
            var outcome = await job.Completion;
            cancellationToken.ThrowIfCancellationRequested();
            return outcome;
        }
        finally
        {
            if (job.Completion.IsCompleted && _jobs.TryRemove(handle.Id, out var ended))
            {
                ended.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public Task StopAsync(JobHandle handle, CancellationToken cancellationToken)
    {
        Find(handle)?.Stop();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Only a job this process started is found; one of an earlier process died with it (<see cref="LostReason"/>).</remarks>
    public Task<JobReattachment> ReattachAsync(JobHandle handle, CancellationToken cancellationToken) =>
        Task.FromResult(Find(handle) is null ? JobReattachment.Lost(LostReason) : JobReattachment.Attached);

    private SandboxJobGroup? Find(JobHandle handle) =>
        handle.Host == HostName && _jobs.TryGetValue(handle.Id, out var job) ? job : null;

    private static StreamWriter OpenLog(string logFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        return new StreamWriter(logFile, append: true) { AutoFlush = true };
    }

    private static Process Start(JobSpec job, SandboxIdentity identity, SandboxTools tools)
    {
        var start = new ProcessStartInfo(SandboxTools.Bubblewrap)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in SandboxArguments.For(job, identity, tools))
        {
            start.ArgumentList.Add(argument);
        }

        JobEnvironment.Fill(start.Environment, job);
        try
        {
            var process = Process.Start(start) ?? throw new SandboxUnavailableException("bubblewrap (bwrap) did not start.");
            process.StandardInput.Close();
            return process;
        }
        catch (Win32Exception e)
        {
            throw new SandboxUnavailableException(
                "Jobs run in a bubblewrap sandbox, and bubblewrap (bwrap) is not installed: run 'apt-get install bubblewrap'.", e);
        }
    }

    /// <summary>Makes the job's user the owner of its folder and what was staged in it, links not followed.</summary>
    internal static void GiveTree(string root, uint uid)
    {
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var path))
        {
            if (NativeMethods.LChown(path, uid, uid) != 0)
            {
                throw new IOException($"{path}: cannot be given to the job's user {uid} ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())})");
            }

            if (NativeMethods.LStat(path)?.Kind == FileKind.Directory)
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(path))
                {
                    pending.Push(entry);
                }
            }
        }
    }
}
