using System.Data.Common;
using Dapper;
using Npgsql;
using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>
/// The <see cref="ISluiceStore"/> that several <c>sluice serve</c> processes on several hosts share: one PostgreSQL
/// database (<c>store: postgres://user@host:5432/db</c> in <c>sluice.yaml</c>).
/// </summary>
/// <remarks>
/// <para>
/// Every write is one transaction of its own on a pooled connection, committed before its task completes (PostgreSQL's
/// <c>synchronous_commit</c> decides how durable that is; keep it on). Writes that decide something from what they read
/// (the next pipeline version, create-if-absent, delete-unless-running, start-while-the-pipeline-exists, the next model
/// package version) first take a transaction-level advisory lock on the name they decide about, so concurrent writers on
/// any server are put in one order; writes that decide from the row they change (a Callback answer, a conditional status
/// change) are one conditional <c>UPDATE</c>, which PostgreSQL re-checks after waiting for a concurrent one. Queue
/// receives claim messages with <c>FOR UPDATE SKIP LOCKED</c>, so no message is handed to two receivers.
/// </para>
/// <para>
/// Storage formats are the SQLite store's: times are ISO-8601 UTC text with seven fractional digits (exact to the tick,
/// ordered as text under <c>COLLATE "C"</c>), enums their names, JSON payloads text. Orders are the SQLite store's too.
/// </para>
/// </remarks>
public sealed partial class PostgresStore : SqlStore, ISluiceStore
{
    private readonly NpgsqlDataSource dataSource;
    private bool disposed;

    /// <summary>Creates a store over a database; nothing is opened until <see cref="InitializeAsync"/>.</summary>
    /// <param name="connectionString">An Npgsql connection string (<see cref="PostgresConnectionString"/> turns a URI into one).</param>
    public PostgresStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "sluice";
        }

        Description = $"'{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port}";
        dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>Gets a description of the database for messages (name, host and port; never the password).</summary>
    public string Description { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The database's schema is newer than this version of Sluice knows.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await PostgresMigrations.ApplyAsync(connection, Description, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await dataSource.DisposeAsync();
    }

    /// <summary>The schema version recorded in the database (tests and <c>sluice store</c> commands).</summary>
    internal Task<long> ReadSchemaVersionAsync(CancellationToken cancellationToken) =>
        ReadAsync(connection => PostgresMigrations.ReadVersionAsync(connection, null, cancellationToken), cancellationToken);

    private static CommandDefinition Command(
        string sql, object? parameters, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    /// <summary>Takes the transaction-level advisory lock that orders every write deciding about <paramref name="name"/>.</summary>
    private static Task LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string kind, string name, CancellationToken cancellationToken) =>
        PostgresDialect.Instance.LockAsync(connection, transaction, kind, name, cancellationToken);

    /// <inheritdoc/>
    private protected override SqlDialect Dialect => PostgresDialect.Instance;

    /// <inheritdoc/>
    private protected override Task<T> ReadSqlAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken) =>
        ReadAsync(read, cancellationToken);

    /// <inheritdoc/>
    private protected override Task<T> WriteSqlAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken) =>
        WriteAsync(write, cancellationToken);

    /// <summary>Runs a read on a pooled connection.</summary>
    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await read(connection);
    }

    /// <summary>
    /// Runs a write in a transaction of its own and commits it; rolled back when it throws. A deadlock or serialization
    /// failure (which the advisory locks make rare) runs the write again, up to three times.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await write(connection, transaction);
                await transaction.CommitAsync(CancellationToken.None);
                return result;
            }
            catch (PostgresException e) when (attempt < 3 && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // rolled back by the disposal; run it again
            }
        }
    }
}
