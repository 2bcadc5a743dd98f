using System.Runtime.CompilerServices;

namespace Sluice.Core.Watching;

/// <summary>
/// Hands every stored execution and step change to whoever watches, each watcher through a bounded buffer of its own.
/// Publishing never waits: a watcher whose buffer is full loses what it had queued and is told
/// <see cref="ChangeKind.Resync"/> at its next read, so a slow reader costs the engine nothing but a dropped queue.
/// </summary>
public sealed class ChangeFeed
{
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    /// <summary>How many watchers there are now.</summary>
    public int WatcherCount => Volatile.Read(ref _subscriptions).Length;

    /// <summary>Hands a change to every watcher of its execution (and every watcher of all executions).</summary>
    /// <param name="change">The change, already stored.</param>
    public void Publish(ExecutionChange change)
    {
        Offer(change);
        if (change.ExecutionArn is { } arn)
        {
            Published?.Invoke(arn);
        }
    }

    /// <summary>Raised with the execution's ARN after a change made here is handed on (other servers are told of it).</summary>
    internal event Action<string>? Published;

    /// <summary>Hands on a change another server made, read back from the store (not told to other servers again).</summary>
    /// <param name="change">The change as read from the store.</param>
    internal void PublishFromElsewhere(ExecutionChange change) => Offer(change);

    /// <summary>Tells every watcher to read the state again: changes made elsewhere may have been missed.</summary>
    internal void ResyncAll()
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Lose();
        }
    }

    private void Offer(ExecutionChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.ExecutionArn is null || subscription.ExecutionArn == change.ExecutionArn)
            {
                subscription.Offer(change);
            }
        }
    }

    /// <summary>
    /// The changes made from now on, as they are stored, until <paramref name="cancellationToken"/> is cancelled. The
    /// first item is always a <see cref="ChangeKind.Resync"/>: the watch is in place, so state read now and the
    /// changes that follow together miss nothing. A watcher handles the first item and a later one alike.
    /// </summary>
    /// <param name="executionArn">Only this execution's changes; every execution's when <see langword="null"/>.</param>
    /// <param name="bufferSize">How many changes may wait for this watcher before they are dropped for a resync (at least 1).</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    /// <returns>The changes, in the order they were stored.</returns>
    public async IAsyncEnumerable<ExecutionChange> WatchAsync(
        string? executionArn, int bufferSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        var subscription = new Subscription(executionArn, bufferSize);
        Change(list => [.. list, subscription]);
        try
        {
            yield return new ExecutionChange(ChangeKind.Resync, executionArn, null, null);
            while (true)
            {
                ExecutionChange change;
                try
                {
                    change = await subscription.TakeAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    yield break; // the watch ends as asked, not with an exception
                }

                yield return change;
            }
        }
        finally
        {
            Change(list => [.. list.Where(s => s != subscription)]);
        }
    }

    private void Change(Func<Subscription[], Subscription[]> change)
    {
        lock (_gate)
        {
            Volatile.Write(ref _subscriptions, change(_subscriptions));
        }
    }

    /// <summary>One watcher's buffer.</summary>
    private sealed class Subscription(string? executionArn, int capacity)
    {
        private readonly Lock _gate = new();
        private readonly Queue<ExecutionChange> _queue = new();
        private bool _lost;
        private TaskCompletionSource? _waiter;

        public string? ExecutionArn { get; } = executionArn;

        public void Offer(ExecutionChange change)
        {
            TaskCompletionSource? waiter;
            lock (_gate)
            {
                if (_lost)
                {
                    return; // the resync to come covers this change too
                }

                if (_queue.Count >= capacity)
                {
                    _queue.Clear();
                    _lost = true;
                }
                else
                {
                    _queue.Enqueue(change);
                }

                waiter = _waiter;
                _waiter = null;
            }

            waiter?.TrySetResult();
        }

        public void Lose()
        {
            TaskCompletionSource? waiter;
            lock (_gate)
            {
                _queue.Clear();
                _lost = true;
                waiter = _waiter;
                _waiter = null;
            }

            waiter?.TrySetResult();
        }

        public async Task<ExecutionChange> TakeAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                Task wait;
                lock (_gate)
                {
                    if (_lost)
                    {
                        _lost = false;
                        return new ExecutionChange(ChangeKind.Resync, ExecutionArn, null, null);
                    }

                    if (_queue.TryDequeue(out var change))
                    {
                        return change;
                    }

                    _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    wait = _waiter.Task;
                }

                await wait.WaitAsync(cancellationToken);
            }
        }
    }
}
