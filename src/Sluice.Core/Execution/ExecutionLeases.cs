using Sluice.Core.Storage;

namespace Sluice.Core.Execution;

/// <summary>
/// This engine's side of the store's execution leases: who it is (a fresh owner id per engine), how long a lease lasts,
/// and taking, renewing and giving up leases by its clock. Over a store without leases (SQLite) every lease is granted
/// at once and nothing else happens, so a single process behaves as it always has.
/// </summary>
internal sealed class ExecutionLeases
{
    private readonly IExecutionLeaseStore? _store;
    private readonly TimeProvider _time;

    public ExecutionLeases(ISluiceStore store, TimeProvider time, TimeSpan duration)
    {
        _store = store as IExecutionLeaseStore;
        _time = time;
        Duration = duration;
        Owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>Gets whether the store has leases (several servers may share it).</summary>
    public bool Enabled => _store is not null;

    /// <summary>Gets this engine's owner id: host, process id and a random suffix.</summary>
    public string Owner { get; }

    /// <summary>Gets how long a lease lasts unless renewed.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets how often leases are renewed and abandoned executions looked for: a third of the lease.</summary>
    public TimeSpan HeartbeatInterval => Duration / 3;

    /// <summary>Takes the lease of an execution; always granted without a lease store.</summary>
    public async Task<bool> TryAcquireAsync(string executionArn, CancellationToken cancellationToken) =>
        _store is null || await _store.TryAcquireLeaseAsync(executionArn, Owner, _time.GetUtcNow(), Duration, cancellationToken) is not null;

    /// <summary>Gives up the lease of an execution that ended here.</summary>
    public Task ReleaseAsync(string executionArn, CancellationToken cancellationToken) =>
        _store?.ReleaseLeaseAsync(executionArn, Owner, cancellationToken) ?? Task.CompletedTask;

    /// <summary>Heartbeat: renews this engine's leases and returns the executions it still holds.</summary>
    public Task<IReadOnlySet<string>> RenewAsync(CancellationToken cancellationToken) =>
        _store!.RenewLeasesAsync(Owner, Environment.MachineName, _time.GetUtcNow(), Duration, cancellationToken);

    /// <summary>Unfinished executions nobody holds a live lease on.</summary>
    public Task<IReadOnlyList<string>> ClaimableAsync(CancellationToken cancellationToken) =>
        _store!.ListClaimableExecutionsAsync(_time.GetUtcNow(), 100, cancellationToken);
}
