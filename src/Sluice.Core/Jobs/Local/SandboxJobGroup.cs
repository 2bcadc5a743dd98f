namespace Sluice.Core.Jobs.Local;

/// <summary>
/// The sandboxed instances of one job (one for most jobs; <c>InstanceCount</c> of them for a job of several): they are
/// stopped and killed together, and the job ends when all have. As on SageMaker, the first instance to fail ends the
/// job: the others are stopped, and the job's outcome is that instance's, naming it (<see cref="JobOutcome.FailedHost"/>).
/// </summary>
internal sealed class SandboxJobGroup : IDisposable
{
    private readonly IReadOnlyList<SandboxJob> _instances;
    private readonly IReadOnlyList<string> _hosts;
    private readonly StreamWriter? _sharedLog;

    /// <summary>Starts following instances that have just started.</summary>
    /// <param name="instances">The instances, <c>algo-1</c> first.</param>
    /// <param name="hosts">Their names, in the same order.</param>
    /// <param name="sharedLog">The log writer the instances share, disposed with the group; none for one instance.</param>
    public SandboxJobGroup(IReadOnlyList<SandboxJob> instances, IReadOnlyList<string> hosts, StreamWriter? sharedLog)
    {
        _instances = instances;
        _hosts = hosts;
        _sharedLog = sharedLog;
        Completion = instances.Count == 1 ? instances[0].Completion : CombineAsync();
    }

    /// <summary>How the job ended; completes when every instance has.</summary>
    public Task<JobOutcome> Completion { get; }

    /// <summary>Stops every instance: SIGTERM, then SIGKILL after the grace period.</summary>
    public void Stop()
    {
        foreach (var instance in _instances)
        {
            instance.Stop();
        }
    }

    /// <summary>Kills every instance at once.</summary>
    public void Kill()
    {
        foreach (var instance in _instances)
        {
            instance.Kill();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }

        if (Completion.IsCompleted)
        {
            _sharedLog?.Dispose();
        }
    }

    private async Task<JobOutcome> CombineAsync()
    {
        var running = _instances.Select((instance, index) => (instance.Completion, Index: index)).ToList();
        JobOutcome? failed = null;
        while (running.Count > 0)
        {
            var ended = await Task.WhenAny(running.Select(r => r.Completion));
            var index = running.First(r => r.Completion == ended).Index;
            running.RemoveAll(r => r.Completion == ended);
            var outcome = await ended;
            if (failed is null && !outcome.Succeeded)
            {
                failed = outcome with { FailedHost = _hosts[index] };
                foreach (var (_, other) in running)
                {
                    _instances[other].Stop();
                }
            }
        }

        return failed ?? await _instances[0].Completion;
    }
}
