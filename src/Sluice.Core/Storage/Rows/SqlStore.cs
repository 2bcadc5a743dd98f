using System.Data.Common;

namespace Sluice.Core.Storage.Rows;

/// <summary>
/// What the SQL backends (<see cref="Sqlite.SqliteExecutionStore"/>, <see cref="Postgres.PostgresStore"/>) share: the
/// roles whose statements and mapping are the same on both (pipelines, queues, jobs, the model registry, tags), run
/// through the backend's reads and writes with its <see cref="SqlDialect"/>. A backend keeps only what differs: how it
/// connects, how its writes are committed, and the roles it writes its own way.
/// </summary>
/// <remarks>Only this assembly derives from it.</remarks>
public abstract partial class SqlStore : IPipelineStore, IQueueStore, IJobStore, IRegistryStore, ITagStore
{
    private protected SqlStore()
    {
    }

    /// <summary>Gets what the shared statements leave to the backend.</summary>
    private protected abstract SqlDialect Dialect { get; }

    /// <summary>Runs a read on a connection of the backend's.</summary>
    /// <typeparam name="T">What the read returns.</typeparam>
    /// <param name="read">The read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>What the read returned.</returns>
    private protected abstract Task<T> ReadSqlAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken);

    /// <summary>Runs a write in a transaction of the backend's, completing once it is committed.</summary>
    /// <typeparam name="T">What the write returns.</typeparam>
    /// <param name="write">The write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>What the write returned.</returns>
    private protected abstract Task<T> WriteSqlAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken);
}
