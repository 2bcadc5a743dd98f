using System.Threading.Channels;
using Sluice.Core.Storage;

namespace Sluice.Core.Execution;

/// <summary>
/// Group commit for step records: every save waits until its record is durable, but saves that arrive while a
/// transaction is being written go together into the next one, so thousands of steps cost a few hundred
/// transactions instead of one each.
/// </summary>
internal sealed class StepWriter : IAsyncDisposable
{
    private readonly IExecutionStore _store;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public StepWriter(IExecutionStore store)
    {
        _store = store;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Saves a record; completes once it (and whatever was batched with it) is stored.</summary>
    public Task SaveAsync(StepRecord record, CancellationToken cancellationToken)
    {
        var pending = new Pending(record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 2_000 && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            // The newest record of a step wins; earlier ones in the same batch are superseded.
            var latest = new Dictionary<(string, string), StepRecord>();
            foreach (var pending in batch)
            {
                latest[(pending.Record.ExecutionArn, pending.Record.StepName)] = pending.Record;
            }

            try
            {
                await _store.SaveStepsAsync(latest.Values, CancellationToken.None);
                batch.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception e)
            {
                batch.ForEach(p => p.Done.TrySetException(e));
            }
        }
    }

    private sealed record Pending(StepRecord Record, TaskCompletionSource Done);
}
