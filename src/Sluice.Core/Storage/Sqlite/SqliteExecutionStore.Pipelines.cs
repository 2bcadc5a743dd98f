using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>What SQLite does of pipelines its own way (the rest is <see cref="SqlStore"/>'s): deleting one.</summary>
public sealed partial class SqliteExecutionStore
{
    /// <inheritdoc/>
    /// <remarks>One write of the write loop, which runs one write at a time, so no start of an execution comes between its check and its delete.</remarks>
    public override Task<PipelineDeletion> DeletePipelineAsync(string name, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => PipelineWriteSql.DeleteAsync(connection, transaction, Dialect, name, cancellationToken), cancellationToken);
}
