using System.Collections.Concurrent;
using Sluice.Core.Storage;

namespace Sluice.Core.Execution;

/// <summary>
/// Several engines on one store (several <c>sluice serve</c> processes on one PostgreSQL): each execution is advanced
/// by the engine holding its lease. A heartbeat every third of the lease renews this engine's leases, stops the runs
/// whose leases passed to another engine, passes on stops asked of this engine's executions through other servers, and
/// takes over executions whose server died (their lease expired) or that nobody claimed.
/// </summary>
public sealed partial class PipelineEngine
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _runTokens = new(StringComparer.Ordinal);

    /// <summary>
    /// Executions a call of this engine is deciding to run (start, retry, resume, takeover), so that two calls of one
    /// engine never both launch one: the lease alone cannot tell them apart, since they share the owner.
    /// </summary>
    private readonly ConcurrentDictionary<string, byte> _claiming = new(StringComparer.Ordinal);
    private readonly ExecutionLeases _leases;
    private Task? _heartbeat;

    /// <summary>Gets this engine's lease owner id (host/process/random), as <c>sluice servers</c> shows it.</summary>
    public string LeaseOwner => _leases.Owner;

    /// <summary>Starts the heartbeat when the store has leases; nothing otherwise.</summary>
    private void StartHeartbeat()
    {
        if (_leases.Enabled)
        {
            _heartbeat = Task.Run(() => HeartbeatLoopAsync(_shutdown.Token), CancellationToken.None);
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken shutdown)
    {
        using var timer = new PeriodicTimer(_leases.HeartbeatInterval, _services.Time);
        try
        {
            do
            {
                try
                {
                    await HeartbeatAsync(shutdown);
                }
                catch (Exception) when (!shutdown.IsCancellationRequested)
                {
                    // The database is unreachable for a moment: try again at the next beat. Leases not renewed in
                    // time pass to other servers, and this server's writes of those executions are then fenced off.
                }
            }
            while (await timer.WaitForNextTickAsync(shutdown));
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // shutting down
        }
    }

    /// <summary>One heartbeat: renew, drop lost runs, pass on stops, take over abandoned executions.</summary>
    internal async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var running = _runs.Where(r => !r.Value.Completion.IsCompleted).Select(r => r.Key).ToList();
        var held = await _leases.RenewAsync(cancellationToken);
        foreach (var arn in running)
        {
            if (!held.Contains(arn) && _runs.TryRemove(arn, out var lost))
            {
                await AbandonAsync(arn, lost);
            }
        }

        var stopping = (await _services.Store.ListUnfinishedExecutionsAsync(cancellationToken))
            .Where(e => e.Status == ExecutionStatus.Stopping);
        foreach (var execution in stopping)
        {
            if (_runs.TryGetValue(execution.Arn, out var run) && run.Record.Status == ExecutionStatus.Executing)
            {
                await run.RequestStopAsync(cancellationToken);
            }
        }

        foreach (var arn in await _leases.ClaimableAsync(cancellationToken))
        {
            if (!_runs.ContainsKey(arn) && await _services.Store.GetExecutionAsync(arn, cancellationToken) is { } execution)
            {
                await ResumeOneAsync(execution, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Takes the lease of an execution this call just stored as Executing and launches its run, unless another call of
    /// this engine (the heartbeat) is claiming it, or another server holds it: then that one runs it.
    /// </summary>
    private async Task LaunchIfClaimedAsync(string executionArn, Func<ExecutionRun> create, CancellationToken cancellationToken)
    {
        if (!_claiming.TryAdd(executionArn, 0))
        {
            return;
        }

        try
        {
            if (_runs.TryGetValue(executionArn, out var existing) && !existing.Completion.IsCompleted)
            {
                return;
            }

            if (await _leases.TryAcquireAsync(executionArn, cancellationToken))
            {
                Launch(create());
            }
        }
        finally
        {
            _claiming.TryRemove(executionArn, out _);
        }
    }

    /// <summary>Stops advancing a run whose lease passed to another engine; its writes are fenced off already.</summary>
    private async Task AbandonAsync(string executionArn, ExecutionRun run)
    {
        if (_runTokens.TryRemove(executionArn, out var token))
        {
            await token.CancelAsync();
            token.Dispose();
        }

        try
        {
            await run.Completion;
        }
        catch (Exception)
        {
            // cancelled, or failed on a fenced write: either way the other engine has it now
        }

        run.Dispose();
        await _leases.ReleaseAsync(executionArn, CancellationToken.None);
    }

    /// <summary>
    /// The source of the token a run runs under when the store has leases: the engine's shutdown, and the loss of the
    /// run's own lease; <see langword="null"/> without leases, when the run runs under the shutdown alone.
    /// </summary>
    private CancellationTokenSource? RunTokenSource(string executionArn)
    {
        if (!_leases.Enabled)
        {
            return null;
        }

        var token = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        if (_runTokens.TryGetValue(executionArn, out var previous))
        {
            previous.Dispose();
        }

        _runTokens[executionArn] = token;
        return token;
    }

    /// <summary>When a run ends here (not abandoned), its lease is given up, so the execution can be retried anywhere.</summary>
    private void ReleaseWhenDone(ExecutionRun run)
    {
        if (!_leases.Enabled)
        {
            return;
        }

        var arn = run.Record.Arn;
        _ = run.Completion.ContinueWith(
            async completion =>
            {
                if (completion.IsCanceled)
                {
                    return; // shutdown or lease lost: the lease expires, or was taken, and the execution resumes elsewhere
                }

                try
                {
                    await _leases.ReleaseAsync(arn, CancellationToken.None);
                }
                catch (Exception)
                {
                    // the lease expires by itself
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
