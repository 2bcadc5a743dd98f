using System.Threading.Channels;
using Sluice.Core.Storage;
using Sluice.Core.Watching;

namespace Sluice.Core.Execution;

/// <summary>
/// Batching of step records, the engine's half of the write path: every save waits until its record is durable, but
/// saves that arrive while a batch is being written go together into the next <see cref="IExecutionStore.SaveStepsAsync(IReadOnlyCollection{StepRecord}, IReadOnlyCollection{JobRecord}, CancellationToken)"/>
/// call, keeping only the newest record of each step, so thousands of steps cost a few hundred store writes instead of
/// one each. The records of the jobs that job steps run travel with them, so a job's record and its step's record
/// cost one commit together.
/// </summary>
/// <remarks>
/// Who owns what: this class decides which step records are written and how many go in one store call, the same for
/// every backend; the store decides how its writes become durable (SQLite's group commit shares one transaction among
/// this batch and whatever else is queued; see SqliteExecutionStore). Keeping both is deliberate: without this one,
/// every step change would be a store write of its own (a closure, a savepoint and a statement each, superseded
/// records included); without the store's, executions, callbacks, jobs and queue messages would each cost an fsync.
/// </remarks>
internal sealed class StepWriter : IAsyncDisposable
{
    private readonly IExecutionStore _store;
    private readonly ChangeFeed _changes;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private readonly TimeSpan _laterDelay;
    private int _waiting; // saves that may wait, queued and not yet written

    /// <summary>Creates the writer and starts its loop.</summary>
    /// <param name="store">Where the records go.</param>
    /// <param name="changes">Told of every record once it is stored.</param>
    /// <param name="laterDelay">How long a save that may wait waits for another at most; <see cref="LaterDelay"/> when <see langword="null"/>.</param>
    public StepWriter(IExecutionStore store, ChangeFeed changes, TimeSpan? laterDelay = null)
    {
        _laterDelay = laterDelay ?? LaterDelay;
        _store = store;
        _changes = changes;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Saves a record; completes once it (and whatever was batched with it) is stored.</summary>
    public Task SaveAsync(StepRecord record, CancellationToken cancellationToken) => Enqueue(new Pending(record, null, false, NewDone()), cancellationToken);

    /// <summary>
    /// Saves a record that may wait for the next save (<see cref="SaveAsync"/>, <see cref="FlushAsync"/>), at most
    /// <see cref="LaterDelay"/>, and share its commit: a step's Starting and Executing records, which a job step's
    /// handle follows within milliseconds. Completes once stored. In order with every other save.
    /// </summary>
    public Task SaveLaterAsync(StepRecord record, CancellationToken cancellationToken) => Enqueue(new Pending(record, null, true, NewDone()), cancellationToken);

    /// <summary>
    /// Saves the record of a job a step runs, in order with the step records and, like <see cref="SaveLaterAsync"/>,
    /// with the next save: it goes into the same batch, and so the same commit, as the step records saved around it
    /// (a job step's handle, or its final record).
    /// </summary>
    public Task SaveJobAsync(JobRecord job, CancellationToken cancellationToken) => Enqueue(new Pending(null, job, true, NewDone()), cancellationToken);

    /// <summary>
    /// Writes whatever waits (<see cref="SaveLaterAsync"/>, <see cref="SaveJobAsync"/>) now; completes once it is
    /// stored, at once when nothing waits.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _waiting) == 0 ? Task.CompletedTask : Enqueue(new Pending(null, null, false, NewDone()), cancellationToken);

    /// <summary>How long a save that may wait (<see cref="SaveLaterAsync"/>) waits for another at most.</summary>
    internal static TimeSpan LaterDelay { get; } = TimeSpan.FromMilliseconds(20);

    private static TaskCompletionSource NewDone() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task Enqueue(Pending pending, CancellationToken cancellationToken)
    {
        if (pending.Later)
        {
            Interlocked.Increment(ref _waiting);
        }

        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        Task<bool>? waiting = null; // the one read wait outstanding (a single-reader channel allows one)
        while (await (waiting ??= _queue.Reader.WaitToReadAsync().AsTask()))
        {
            waiting = null;
            batch.Clear();
            var now = Take(batch);
            if (!now)
            {
                // Only saves that may wait: give the save that usually follows them (a job's handle, a final record)
                // a moment to join, so they share its commit.
                var deadline = Task.Delay(_laterDelay);
                while (!now && batch.Count < 2_000)
                {
                    waiting ??= _queue.Reader.WaitToReadAsync().AsTask();
                    if (await Task.WhenAny(waiting, deadline) == deadline || !await waiting)
                    {
                        break;
                    }

                    waiting = null;
                    now = Take(batch);
                }
            }

            Interlocked.Add(ref _waiting, -batch.Count(p => p.Later));

            // The newest record of a step (or job) wins; earlier ones in the same batch are superseded.
            var latest = new Dictionary<(string, string), StepRecord>();
            var jobs = new Dictionary<(JobKind, string), JobRecord>();
            foreach (var pending in batch)
            {
                if (pending.Record is { } record)
                {
                    latest[(record.ExecutionArn, record.StepName)] = record;
                }
                else if (pending.Job is { } job)
                {
                    jobs[(job.Kind, job.Name)] = job;
                }
            }

            try
            {
                await _store.SaveStepsAsync(latest.Values, jobs.Values, CancellationToken.None);
                foreach (var record in latest.Values)
                {
                    _changes.Publish(ExecutionChange.Of(record)); // after the write: a watcher that reads the store sees it
                }

                batch.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception e)
            {
                batch.ForEach(p => p.Done.TrySetException(e));
            }
        }
    }

    /// <summary>Moves queued saves into the batch (up to 2,000 in all); whether one of them is to be written now.</summary>
    private bool Take(List<Pending> batch)
    {
        var now = false;
        while (batch.Count < 2_000 && _queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
            now |= !pending.Later;
        }

        return now || batch.Count >= 2_000;
    }

    /// <summary>A step record or a job record (or neither: a flush) waiting for its batch; <paramref name="Later"/> when it may wait for the next save.</summary>
    private sealed record Pending(StepRecord? Record, JobRecord? Job, bool Later, TaskCompletionSource Done);
}
