namespace Sluice.Core.Storage;

/// <summary>
/// Leases on executions, for backends several servers share: each execution is advanced by the one server that holds
/// its lease, renewed by heartbeat; when a server stops renewing, another takes the execution over once the lease has
/// expired. Each change of hands increments the lease's fence, and the store checks the fence on the holder's writes
/// of the execution (its record and its steps), so a server that lost a lease (paused, cut off) cannot overwrite the
/// new holder's work. A backend without it (SQLite: one process at a time) needs no leases: the engine then runs every
/// execution it starts or resumes, as before.
/// </summary>
public interface IExecutionLeaseStore
{
    /// <summary>
    /// Takes (or keeps) the lease of an execution for <paramref name="owner"/> until <paramref name="now"/> +
    /// <paramref name="duration"/>: when nobody holds it, when its holder's lease expired, or when the owner holds it
    /// already. Taking it from another holder, or afresh, increments the fence.
    /// </summary>
    /// <returns>The fence the owner holds the lease with; <see langword="null"/> while another server holds it.</returns>
    Task<long?> TryAcquireLeaseAsync(string executionArn, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>
    /// Heartbeat: extends every lease <paramref name="owner"/> still holds to <paramref name="now"/> + <paramref name="duration"/>
    /// and records the server as alive (<paramref name="host"/>).
    /// </summary>
    /// <returns>The executions whose leases the owner still holds (a lease taken over by another is not among them).</returns>
    Task<IReadOnlySet<string>> RenewLeasesAsync(string owner, string host, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives up a lease (its execution ended, or the server shuts down cleanly), if the owner still holds it.</summary>
    Task ReleaseLeaseAsync(string executionArn, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Executing or Stopping executions nobody holds a live lease on at <paramref name="now"/> (their server died, or
    /// they were started and never claimed), oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<string>> ListClaimableExecutionsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Every lease, with its holder and expiry (<c>sluice servers</c>).</summary>
    Task<IReadOnlyList<ExecutionLease>> ListLeasesAsync(CancellationToken cancellationToken);

    /// <summary>Every server that has sent a heartbeat, latest heartbeat first (<c>sluice servers</c>).</summary>
    Task<IReadOnlyList<ServerRecord>> ListServersAsync(CancellationToken cancellationToken);
}
