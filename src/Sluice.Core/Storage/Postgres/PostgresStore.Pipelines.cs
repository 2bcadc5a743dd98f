using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>What only PostgreSQL does of pipelines (the rest is <see cref="SqlStore"/>'s): its leases go with a deleted pipeline's executions.</summary>
public sealed partial class PostgresStore
{
    /// <summary>The advisory lock of a pipeline's name, which starting an execution takes too.</summary>
    private const string PipelineLock = PipelineWriteSql.LockKind;

    private const string DeletePipelineLeasesSql =
        "DELETE FROM execution_leases WHERE execution_arn IN (SELECT arn FROM executions WHERE pipeline_name = @Name);";

    /// <inheritdoc/>
    /// <remarks>Holds the pipeline's advisory lock; the executions' leases go with them.</remarks>
    public override Task<PipelineDeletion> DeletePipelineAsync(string name, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => PipelineWriteSql.DeleteAsync(
                connection, transaction, Dialect, name, cancellationToken, deleteFirst: DeletePipelineLeasesSql),
            cancellationToken);
}
