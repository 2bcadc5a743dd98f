using System.Collections.Concurrent;
using Dapper;
using Npgsql;
using Sluice.Core.Storage.Sqlite;

namespace Sluice.Core.Storage.Postgres;

/// <summary>
/// Leases on executions and the servers' heartbeats. The fences of the leases this store's owners hold are kept here, and
/// every write of a held execution's record or steps checks them in its own transaction, holding the lease rows
/// <c>FOR SHARE</c> so that a takeover waits for the write, or the write sees the takeover.
/// </summary>
public sealed partial class PostgresStore : IExecutionLeaseStore
{
    /// <summary>What a released lease's expiry is set to: before any time, so anybody may take it.</summary>
    private const string Released = "0";

    private readonly ConcurrentDictionary<string, (string Owner, long Fence)> held = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public async Task<long?> TryAcquireLeaseAsync(
        string executionArn, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var fence = await WriteAsync(
            (connection, transaction) => connection.QuerySingleOrDefaultAsync<long?>(Command(
                """
                INSERT INTO execution_leases AS l (execution_arn, owner, fence, expires_at)
                VALUES (@Arn, @Owner, 1, @Expires)
                ON CONFLICT (execution_arn) DO UPDATE SET
                    owner = excluded.owner,
                    fence = CASE WHEN l.owner = excluded.owner THEN l.fence ELSE l.fence + 1 END,
                    expires_at = excluded.expires_at
                WHERE l.owner = excluded.owner OR l.expires_at <= @Now
                RETURNING fence;
                """,
                new { Arn = executionArn, Owner = owner, Now = SqliteValues.FromTime(now), Expires = SqliteValues.FromTime(now + duration) },
                cancellationToken,
                transaction)),
            cancellationToken);
        if (fence is { } value)
        {
            held[executionArn] = (owner, value);
        }

        return fence;
    }

    /// <inheritdoc/>
    public Task<IReadOnlySet<string>> RenewLeasesAsync(
        string owner, string host, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlySet<string>>(
            async (connection, transaction) =>
            {
                var time = SqliteValues.FromTime(now);
                await connection.ExecuteAsync(Command(
                    """
                    INSERT INTO servers (id, host, started_at, heartbeat_at) VALUES (@Owner, @Host, @Now, @Now)
                    ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at;
                    """,
                    new { Owner = owner, Host = host, Now = time },
                    cancellationToken,
                    transaction));
                var renewed = await connection.QueryAsync<string>(Command(
                    "UPDATE execution_leases SET expires_at = @Expires WHERE owner = @Owner RETURNING execution_arn;",
                    new { Owner = owner, Expires = SqliteValues.FromTime(now + duration) },
                    cancellationToken,
                    transaction));
                return renewed.ToHashSet(StringComparer.Ordinal);
            },
            cancellationToken);

    /// <inheritdoc/>
    public async Task ReleaseLeaseAsync(string executionArn, string owner, CancellationToken cancellationToken)
    {
        await WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                "UPDATE execution_leases SET owner = '', expires_at = @Released WHERE execution_arn = @Arn AND owner = @Owner;",
                new { Arn = executionArn, Owner = owner, Released },
                cancellationToken,
                transaction)),
            cancellationToken);
        if (held.TryGetValue(executionArn, out var lease) && lease.Owner == owner)
        {
            held.TryRemove(KeyValuePair.Create(executionArn, lease));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListClaimableExecutionsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<string>>(
            async connection => [.. await connection.QueryAsync<string>(Command(
                """
                SELECT e.arn FROM executions AS e
                LEFT JOIN execution_leases AS l ON l.execution_arn = e.arn
                WHERE e.status IN ('Executing', 'Stopping') AND (l.execution_arn IS NULL OR l.expires_at <= @Now)
                ORDER BY e.creation_time, e.arn
                LIMIT @Limit;
                """,
                new { Now = SqliteValues.FromTime(now), Limit = limit },
                cancellationToken))],
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ExecutionLease>> ListLeasesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ExecutionLease>>(
            async connection => [.. (await connection.QueryAsync<(string Arn, string Owner, long Fence, string ExpiresAt)>(Command(
                "SELECT execution_arn, owner, fence, expires_at FROM execution_leases WHERE owner <> '' ORDER BY owner, execution_arn;",
                null,
                cancellationToken))).Select(row => new ExecutionLease(row.Arn, row.Owner, row.Fence, SqliteValues.ToTime(row.ExpiresAt)))],
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ServerRecord>> ListServersAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ServerRecord>>(
            async connection => [.. (await connection.QueryAsync<(string Id, string Host, string StartedAt, string HeartbeatAt)>(Command(
                "SELECT id, host, started_at, heartbeat_at FROM servers ORDER BY heartbeat_at DESC, id;", null, cancellationToken)))
                .Select(row => new ServerRecord(row.Id, row.Host, SqliteValues.ToTime(row.StartedAt), SqliteValues.ToTime(row.HeartbeatAt)))],
            cancellationToken);

    /// <summary>
    /// The executions among <paramref name="executionArns"/> that this store holds a lease on whose fence has passed
    /// (taken over by another server), checked inside the write's transaction with the lease rows held <c>FOR SHARE</c>.
    /// Executions this store holds no lease on are not checked (writes from the API of any server).
    /// </summary>
    private async Task<HashSet<string>?> StaleFencesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> executionArns, CancellationToken cancellationToken)
    {
        if (held.IsEmpty)
        {
            return null;
        }

        List<(string Arn, string Owner, long Fence)>? mine = null;
        foreach (var arn in executionArns.Distinct(StringComparer.Ordinal))
        {
            if (held.TryGetValue(arn, out var lease))
            {
                (mine ??= []).Add((arn, lease.Owner, lease.Fence));
            }
        }

        if (mine is null)
        {
            return null;
        }

        var stale = await connection.QueryAsync<string>(Command(
            """
            WITH locked AS (
                SELECT execution_arn, owner, fence FROM execution_leases WHERE execution_arn = ANY(@Arns) FOR SHARE)
            SELECT h.arn FROM unnest(@Arns, @Owners, @Fences) AS h (arn, owner, fence)
            WHERE NOT EXISTS (SELECT 1 FROM locked AS l WHERE l.execution_arn = h.arn AND l.owner = h.owner AND l.fence = h.fence);
            """,
            new
            {
                Arns = mine.Select(m => m.Arn).ToArray(),
                Owners = mine.Select(m => m.Owner).ToArray(),
                Fences = mine.Select(m => m.Fence).ToArray(),
            },
            cancellationToken,
            transaction));
        var set = stale.ToHashSet(StringComparer.Ordinal);
        return set.Count == 0 ? null : set;
    }

    /// <summary>Throws <see cref="LeaseLostException"/> when this store's lease on the execution has passed to another server.</summary>
    private async Task CheckFenceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string executionArn, CancellationToken cancellationToken)
    {
        if (await StaleFencesAsync(connection, transaction, [executionArn], cancellationToken) is not null)
        {
            throw new LeaseLostException(executionArn);
        }
    }
}
