using Dapper;
using Sluice.Core.Storage.Rows;
using Sluice.Core.Storage.Sqlite;

namespace Sluice.Core.Storage.Postgres;

/// <summary>Job slots shared by every server: claims take turns under one advisory lock, so two never take the last slot.</summary>
public sealed partial class PostgresStore
{
    /// <inheritdoc/>
    public Task<bool> TryClaimJobSlotAsync(
        string job, string owner, int limit, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await LockAsync(connection, transaction, "job-slots", "global", cancellationToken);
                return await JobSlotSql.ClaimAsync(connection, transaction, job, owner, limit, now, duration, cancellationToken);
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<int> RenewJobSlotsAsync(string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                JobSlotSql.Renew, new { Owner = owner, Expires = SqliteValues.FromTime(now + duration) }, cancellationToken, transaction)),
            cancellationToken);

    /// <inheritdoc/>
    public Task ReleaseJobSlotAsync(string job, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(JobSlotSql.Release, new { Job = job }, cancellationToken, transaction)),
            cancellationToken);

    /// <inheritdoc/>
    public Task<int> CountJobSlotsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync(
            connection => connection.ExecuteScalarAsync<int>(Command(JobSlotSql.Count, new { Now = SqliteValues.FromTime(now) }, cancellationToken)),
            cancellationToken);
}
