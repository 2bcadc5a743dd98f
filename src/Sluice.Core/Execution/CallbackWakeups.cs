namespace Sluice.Core.Execution;

/// <summary>
/// Wakes the Callback steps waiting in this process as soon as their token may have been answered, so that a waiting
/// step costs nothing until then. A wake-up is never the truth, only a reason to read the token from the store again:
/// the engine wakes a token it answered here, every waiter of an execution another server signalled, and every waiter
/// when signals may have been lost. A waiter that is never woken still reads its token again at its safety re-check
/// (<see cref="EngineOptions.CallbackPollInterval"/>).
/// </summary>
public sealed class CallbackWakeups
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Waiter>> _byToken = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>
    /// Called with <see langword="true"/> when the first step starts waiting and <see langword="false"/> when the last
    /// stops (under the registry's lock, so calls never overlap): a wake-up source that costs something while it runs
    /// (a file watch) runs only while some step waits.
    /// </summary>
    internal Action<bool>? Waiting { get; set; }

    /// <summary>How many steps wait now.</summary>
    public int WaiterCount
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Starts listening for wake-ups of a token; dispose the waiter when the step stops waiting.</summary>
    /// <param name="token">The Callback token.</param>
    /// <param name="executionArn">The execution the token belongs to.</param>
    /// <returns>The waiter.</returns>
    public Waiter Register(string token, string executionArn)
    {
        var waiter = new Waiter(this, token, executionArn);
        lock (_gate)
        {
            if (!_byToken.TryGetValue(token, out var list))
            {
                _byToken[token] = list = [];
            }

            list.Add(waiter);
            if (_count++ == 0)
            {
                Waiting?.Invoke(true);
            }
        }

        return waiter;
    }

    /// <summary>Wakes the steps waiting for this token (it was answered in this process).</summary>
    /// <param name="token">The token.</param>
    public void Wake(string token) => WakeWhere(waiter => waiter.Token == token);

    /// <summary>Wakes the steps of this execution (another server signalled a change of it).</summary>
    /// <param name="executionArn">The execution.</param>
    public void WakeExecution(string executionArn) => WakeWhere(waiter => waiter.ExecutionArn == executionArn);

    /// <summary>Wakes every waiting step (signals from other processes may have been missed).</summary>
    public void WakeAll() => WakeWhere(_ => true);

    private void WakeWhere(Func<Waiter, bool> match)
    {
        Waiter[] woken;
        lock (_gate)
        {
            woken = [.. _byToken.Values.SelectMany(list => list).Where(match)];
        }

        foreach (var waiter in woken)
        {
            waiter.Signal();
        }
    }

    private void Remove(Waiter waiter)
    {
        lock (_gate)
        {
            if (!_byToken.TryGetValue(waiter.Token, out var list) || !list.Remove(waiter))
            {
                return; // disposed twice
            }

            if (list.Count == 0)
            {
                _byToken.Remove(waiter.Token);
            }

            if (--_count == 0)
            {
                Waiting?.Invoke(false);
            }
        }
    }

    /// <summary>One waiting step's wake-ups. Arm it, read the store, then wait: a wake-up after arming is never lost.</summary>
    public sealed class Waiter : IDisposable
    {
        private readonly CallbackWakeups _owner;
        private readonly Lock _gate = new();
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Waiter(CallbackWakeups owner, string token, string executionArn)
        {
            _owner = owner;
            Token = token;
            ExecutionArn = executionArn;
        }

        /// <summary>The token waited for.</summary>
        public string Token { get; }

        /// <summary>The execution the token belongs to.</summary>
        public string ExecutionArn { get; }

        /// <summary>
        /// A task that completes at the next wake-up from now on. Call it before reading the token, then await it: a
        /// wake-up that comes between the read and the wait has already completed it.
        /// </summary>
        /// <returns>The task.</returns>
        public Task Arm()
        {
            lock (_gate)
            {
                if (_next.Task.IsCompleted)
                {
                    _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                return _next.Task;
            }
        }

        /// <summary>Wakes the step up.</summary>
        public void Signal()
        {
            TaskCompletionSource next;
            lock (_gate)
            {
                next = _next;
            }

            next.TrySetResult();
        }

        /// <inheritdoc />
        public void Dispose() => _owner.Remove(this);
    }
}
