using Sluice.Core.Execution;
using Sluice.Core.Storage;

namespace Sluice.Core.Watching;

/// <summary>
/// Makes one server's watchers see the changes every server sharing the store makes. Each change stored here is
/// signalled to the others (<see cref="IChangeSignal"/>, coalesced per execution); a signal from another server only
/// wakes this one up to read that execution and its steps from the store again, and whatever differs from what its
/// watchers were last handed is handed on. A signal that may have been missed makes every watcher read everything again
/// (<see cref="ChangeKind.Resync"/>). Nothing is read while nobody watches. Signals also wake the Callback steps
/// waiting here (<see cref="CallbackWakeups"/>): those of a signalled execution, and all of them when signals may have
/// been missed.
/// </summary>
internal sealed class ClusterChanges : IAsyncDisposable
{
    private readonly IChangeSignal _signal;
    private readonly ISluiceStore _store;
    private readonly ChangeFeed _feed;
    private readonly string _self;
    private readonly CallbackWakeups _wakeups;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Seen> _seen = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _toSend = new(0);
    private readonly SemaphoreSlim _toRead = new(0);
    private readonly Task[] _loops;
    private HashSet<string> _outgoing = new(StringComparer.Ordinal);
    private HashSet<string> _incoming = new(StringComparer.Ordinal);

    public ClusterChanges(IChangeSignal signal, ISluiceStore store, ChangeFeed feed, string self, CallbackWakeups wakeups)
    {
        _wakeups = wakeups;
        _signal = signal;
        _store = store;
        _feed = feed;
        _self = self;
        feed.Published += OnStoredHere;
        _loops =
        [
            Task.Run(() => signal.ListenAsync(OnSignalled, OnLost, _stop.Token), CancellationToken.None),
            Task.Run(() => SendLoopAsync(_stop.Token), CancellationToken.None),
            Task.Run(() => ReadLoopAsync(_stop.Token), CancellationToken.None),
        ];
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _feed.Published -= OnStoredHere;
        await _stop.CancelAsync();
        foreach (var loop in _loops)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
                // stopped
            }
        }

        _stop.Dispose();
        _toSend.Dispose();
        _toRead.Dispose();
    }

    private void OnStoredHere(string executionArn)
    {
        lock (_gate)
        {
            if (!_outgoing.Add(executionArn))
            {
                return;
            }
        }

        _toSend.Release();
    }

    /// <summary>Signals a change of one execution to the other servers now (a Callback answer), not batched.</summary>
    /// <param name="executionArn">The execution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the signal is sent or could not be (the others' safety re-check covers it).</returns>
    public async Task SignalNowAsync(string executionArn, CancellationToken cancellationToken)
    {
        try
        {
            await _signal.SignalChangesAsync(_self, [executionArn], cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // a lost wake-up only delays the waiting step until its safety re-check
        }
    }

    private void OnSignalled(string sender, string executionArn)
    {
        if (sender == _self)
        {
            return;
        }

        _wakeups.WakeExecution(executionArn);
        if (_feed.WatcherCount == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (!_incoming.Add(executionArn))
            {
                return;
            }
        }

        _toRead.Release();
    }

    private void OnLost()
    {
        lock (_gate)
        {
            _seen.Clear();
        }

        _feed.ResyncAll();
        _wakeups.WakeAll();
    }

    private async Task SendLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await _toSend.WaitAsync(stop);
            await Task.Delay(10, stop); // let a burst of writes of one execution become one signal
            HashSet<string> batch;
            lock (_gate)
            {
                (batch, _outgoing) = (_outgoing, new HashSet<string>(StringComparer.Ordinal));
            }

            try
            {
                await _signal.SignalChangesAsync(_self, batch, stop);
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                // lost signals only delay other servers' watchers until their next signal or resync
            }
        }
    }

    private async Task ReadLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await _toRead.WaitAsync(stop);
            HashSet<string> batch;
            lock (_gate)
            {
                (batch, _incoming) = (_incoming, new HashSet<string>(StringComparer.Ordinal));
            }

            foreach (var arn in batch.Where(_ => _feed.WatcherCount > 0))
            {
                try
                {
                    await ReadAgainAsync(arn, stop);
                }
                catch (Exception) when (!stop.IsCancellationRequested)
                {
                    _feed.ResyncAll(); // could not read it: let the watchers read everything themselves
                }
            }
        }
    }

    /// <summary>Reads an execution and its steps and hands on what changed since its watchers last saw it.</summary>
    private async Task ReadAgainAsync(string executionArn, CancellationToken stop)
    {
        if (await _store.GetExecutionAsync(executionArn, stop) is not { } execution)
        {
            return; // another schema's, or deleted
        }

        var steps = await _store.ListStepsAsync(executionArn, stop);
        Seen seen;
        lock (_gate)
        {
            if (!_seen.TryGetValue(executionArn, out seen!))
            {
                seen = _seen[executionArn] = new Seen();
            }
        }

        if (seen.Execution is null || seen.Execution with { Parameters = execution.Parameters } != execution)
        {
            seen.Execution = execution;
            _feed.PublishFromElsewhere(ExecutionChange.Of(execution));
        }

        foreach (var step in steps)
        {
            if (!seen.Steps.TryGetValue(step.StepName, out var before) || before != step)
            {
                seen.Steps[step.StepName] = step;
                _feed.PublishFromElsewhere(ExecutionChange.Of(step));
            }
        }

        if (execution.Status is not (ExecutionStatus.Executing or ExecutionStatus.Stopping))
        {
            lock (_gate)
            {
                _seen.Remove(executionArn); // ended: a retry starts afresh
            }
        }
    }

    /// <summary>What this server's watchers were last handed of one execution made elsewhere.</summary>
    private sealed class Seen
    {
        public ExecutionRecord? Execution { get; set; }

        public Dictionary<string, StepRecord> Steps { get; } = new(StringComparer.Ordinal);
    }
}
