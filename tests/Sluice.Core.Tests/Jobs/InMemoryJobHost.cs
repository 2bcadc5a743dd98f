using System.Collections.Concurrent;
using System.Globalization;
using Sluice.Core.Jobs;

namespace Sluice.Core.Tests.Jobs;

/// <summary>
/// A job host that runs nothing: it records what it is given and ends a job when a test says so. Its jobs outlive an
/// engine that shuts down (a wait abandoned on shutdown leaves the job running), as a cluster scheduler's would, so a
/// second engine given the same host can re-attach to them.
/// </summary>
internal sealed class InMemoryJobHost : IJobHost
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JobOutcome>> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JobSpec> _submitted = new();
    private int _next;

    /// <summary>The <see cref="JobHandle.Host"/> of this host's handles.</summary>
    public const string HostName = "in-memory";

    /// <summary>The jobs submitted so far, in order.</summary>
    public IReadOnlyList<JobSpec> Submitted => [.. _submitted];

    /// <summary>The handles <see cref="ReattachAsync"/> was asked about.</summary>
    public ConcurrentQueue<JobHandle> Reattached { get; } = new();

    public Task<JobHandle> SubmitAsync(JobSpec job, CancellationToken cancellationToken)
    {
        var handle = new JobHandle(HostName, Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture));
        _jobs[handle.Id] = new TaskCompletionSource<JobOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _submitted.Enqueue(job);
        return Task.FromResult(handle);
    }

    public async Task<JobOutcome> WaitAsync(JobHandle handle, CancellationToken stop, CancellationToken cancellationToken)
    {
        var job = _jobs.TryGetValue(handle.Id, out var found) ? found : throw new ArgumentException($"no job {handle.Id}", nameof(handle));
        await using var onStop = stop.Register(() => job.TrySetResult(new JobOutcome(143, false, true, [])));
        return await job.Task.WaitAsync(cancellationToken);
    }

    public Task StopAsync(JobHandle handle, CancellationToken cancellationToken)
    {
        if (_jobs.TryGetValue(handle.Id, out var job))
        {
            job.TrySetResult(new JobOutcome(143, false, true, []));
        }

        return Task.CompletedTask;
    }

    public Task<JobReattachment> ReattachAsync(JobHandle handle, CancellationToken cancellationToken)
    {
        Reattached.Enqueue(handle);
        return Task.FromResult(handle.Host == HostName && _jobs.ContainsKey(handle.Id)
            ? JobReattachment.Attached
            : JobReattachment.Lost($"job {handle.Id} is unknown to this host"));
    }

    /// <summary>Waits until <paramref name="count"/> jobs in all have been submitted.</summary>
    public async Task WaitForSubmissionsAsync(int count)
    {
        while (_submitted.Count < count)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Ends job <paramref name="id"/> with an exit code.</summary>
    public void End(string id, int exitCode = 0) => _jobs[id].TrySetResult(new JobOutcome(exitCode, false, false, exitCode == 0 ? [] : ["it broke"]));
}
