using Dapper;
using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>Job slots counted in the file: claims take turns in the single writer, so two never take the last slot.</summary>
public sealed partial class SqliteExecutionStore
{
    /// <inheritdoc/>
    public Task<bool> TryClaimJobSlotAsync(
        string job, string owner, int limit, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => JobSlotSql.ClaimAsync(connection, transaction, job, owner, limit, now, duration, cancellationToken),
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
