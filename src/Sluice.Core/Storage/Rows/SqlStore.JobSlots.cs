using Dapper;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Storage.Rows.SqlCommands;

namespace Sluice.Core.Storage.Rows;

/// <summary>
/// Job slots counted by the store (<see cref="IJobSlotStore"/>), shared by every server on it; the statements are
/// <see cref="JobSlotSql"/>. Claims take turns (SQLite's single writer; on PostgreSQL one advisory lock,
/// <see cref="SqlDialect.LockAsync"/>), so two never take the last slot.
/// </summary>
public abstract partial class SqlStore : IJobSlotStore
{
    /// <inheritdoc/>
    public Task<bool> TryClaimJobSlotAsync(
        string job, string owner, int limit, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        WriteSqlAsync(
            async (connection, transaction) =>
            {
                await Dialect.LockAsync(connection, transaction, "job-slots", "global", cancellationToken);
                return await JobSlotSql.ClaimAsync(connection, transaction, job, owner, limit, now, duration, cancellationToken);
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<int> RenewJobSlotsAsync(string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        WriteSqlAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                JobSlotSql.Renew, new { Owner = owner, Expires = SqliteValues.FromTime(now + duration) }, cancellationToken, transaction)),
            cancellationToken);

    /// <inheritdoc/>
    public Task ReleaseJobSlotAsync(string job, CancellationToken cancellationToken) =>
        WriteSqlAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(JobSlotSql.Release, new { Job = job }, cancellationToken, transaction)),
            cancellationToken);

    /// <inheritdoc/>
    public Task<int> CountJobSlotsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadSqlAsync(
            connection => connection.ExecuteScalarAsync<int>(Command(JobSlotSql.Count, new { Now = SqliteValues.FromTime(now) }, cancellationToken)),
            cancellationToken);
}
