using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>What SQLite does of pipelines its own way (the rest is <see cref="SqlStore"/>'s): deleting one.</summary>
public sealed partial class SqliteExecutionStore
{
    /// <inheritdoc/>
    /// <remarks>On a read connection's prepared statement (a start reads this every time).</remarks>
    public override Task<PipelineVersionHead?> GetPipelineHeadAsync(string name, long? version, CancellationToken cancellationToken) =>
        ReadPreparedAsync(
            lease =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var command = version is null
                    ? lease.Prepared(PipelineSql.LatestHeadSql, "@Name")
                    : lease.Prepared(PipelineSql.VersionHeadSql, "@Name", "@Version");
                command.Parameters[0].Value = name;
                if (version is { } v)
                {
                    command.Parameters[1].Value = v;
                }

                using var reader = command.ExecuteReader();
                return Task.FromResult(reader.Read()
                    ? new PipelineVersionHead(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt32(2))
                    : null);
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>One write of the write loop, which runs one write at a time, so no start of an execution comes between its check and its delete.</remarks>
    public override Task<PipelineDeletion> DeletePipelineAsync(string name, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => PipelineWriteSql.DeleteAsync(connection, transaction, Dialect, name, cancellationToken), cancellationToken);
}
