using Sluice.Core.Storage;

namespace Sluice.Core.Execution;

/// <summary>
/// This engine's side of the store's job slots (<c>jobs.global_slots</c>): before a job starts it claims a slot in the
/// store, waiting while every slot is held (by any server), and frees it when the job ends; a loop renews the slots this
/// engine holds every third of the lease, so that a dead server's slots expire with its leases. Without a global limit
/// nothing happens.
/// </summary>
internal sealed class GlobalJobSlots : IAsyncDisposable
{
    private readonly IJobSlotStore _store;
    private readonly int? _limit;
    private readonly string _owner;
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal = Task.CompletedTask;
    private TaskCompletionSource _freed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GlobalJobSlots(IJobSlotStore store, int? limit, string owner, TimeProvider time, TimeSpan duration)
    {
        _store = store;
        _limit = limit;
        _owner = owner;
        _time = time;
        _duration = duration;
        if (limit is not null)
        {
            _renewal = Task.Run(() => RenewLoopAsync(_stop.Token), CancellationToken.None);
        }
    }

    /// <summary>Gets how often a job waiting for a slot asks the store again (a slot freed here wakes it at once).</summary>
    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(Math.Min(500, _duration.TotalMilliseconds / 6));

    /// <summary>Waits for a global slot for a job; <see langword="null"/> (at once) without a global limit.</summary>
    /// <param name="job">A name for the job, unique while it runs.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The slot's id, to give to <see cref="ReleaseAsync"/>.</returns>
    public async Task<string?> AcquireAsync(string job, CancellationToken cancellationToken)
    {
        if (_limit is not { } limit)
        {
            return null;
        }

        var id = $"{job}/{Guid.NewGuid():N}";
        while (true)
        {
            var freed = Volatile.Read(ref _freed).Task;
            if (await _store.TryClaimJobSlotAsync(id, _owner, limit, _time.GetUtcNow(), _duration, cancellationToken))
            {
                return id;
            }

            await Task.WhenAny(freed, Task.Delay(PollInterval, _time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Frees a job's global slot (best effort: a slot not freed expires with the lease).</summary>
    /// <param name="slot">What <see cref="AcquireAsync"/> returned.</param>
    /// <returns>A task that completes once the slot is free.</returns>
    public async Task ReleaseAsync(string? slot)
    {
        if (slot is null)
        {
            return;
        }

        try
        {
            await _store.ReleaseJobSlotAsync(slot, CancellationToken.None);
        }
        catch (Exception) when (!_stop.IsCancellationRequested)
        {
            // the store is unreachable for a moment: the slot expires once it is no longer renewed
        }

        Interlocked.Exchange(ref _freed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _renewal;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private async Task RenewLoopAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_duration / 3, _time);
        while (await timer.WaitForNextTickAsync(stop))
        {
            try
            {
                await _store.RenewJobSlotsAsync(_owner, _time.GetUtcNow(), _duration, stop);
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                // try again at the next tick; slots not renewed in time expire
            }
        }
    }
}
