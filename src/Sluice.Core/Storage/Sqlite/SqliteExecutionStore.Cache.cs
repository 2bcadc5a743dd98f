using Dapper;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>The step cache.</summary>
public sealed partial class SqliteExecutionStore
{
    /// <inheritdoc/>
    /// <remarks>Of entries created at the same time, the one added last wins.</remarks>
    public Task<CacheEntry?> FindCacheEntryAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<CacheRow>(Command(
                    """
                    SELECT cache_key AS Key, execution_arn AS ExecutionArn, step_name AS StepName,
                           properties_json AS PropertiesJson, metadata_json AS MetadataJson, creation_time AS CreationTime
                    FROM cache_entries WHERE cache_key = @Key AND creation_time >= @NotBefore
                    ORDER BY creation_time DESC, id DESC LIMIT 1;
                    """,
                    new { Key = key, NotBefore = SqliteValues.FromTime(notBefore) },
                    cancellationToken));
                return row?.ToRecord();
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task AddCacheEntryAsync(CacheEntry entry, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                """
                INSERT INTO cache_entries (cache_key, execution_arn, step_name, properties_json, metadata_json, creation_time)
                VALUES (@Key, @ExecutionArn, @StepName, @PropertiesJson, @MetadataJson, @CreationTime);
                """,
                CacheRow.From(entry),
                cancellationToken,
                transaction)),
            cancellationToken);
}
