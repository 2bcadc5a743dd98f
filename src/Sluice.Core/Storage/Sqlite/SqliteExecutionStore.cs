using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>
/// The default <see cref="ISluiceStore"/>, every role in one: one SQLite file, <c>{data directory}/sluice.db</c>, in WAL mode with
/// <c>synchronous=FULL</c> (a change is on disk before its task completes; <see cref="StoreDurability.Normal"/> trades
/// that for no fsync per commit), foreign keys on and a 10 s busy timeout, so
/// that several processes (a <c>sluice run</c> and a <c>sluice callback</c> from another terminal) can share the file.
/// </summary>
/// <remarks>
/// <para>
/// Within a process every write goes through one connection. Writes that arrive while a transaction is being written
/// wait, and then go together into the next one (group commit): each in a savepoint of its own inside one
/// <c>BEGIN IMMEDIATE</c> transaction, so a write that fails rolls back only itself and its caller alone gets the
/// exception, while the others share one commit (one fsync). A write's task completes only once the transaction holding
/// it is committed. Reads use connections of their own, kept open between reads, and never wait for writes (WAL).
/// Between processes SQLite's file lock serializes writers. This group commit is the only batching the store does,
/// and it batches transactions (fsyncs), not records: which step records are worth writing is decided before they get
/// here, by the engine's StepWriter (see <see cref="IExecutionStore.SaveStepsAsync(IReadOnlyCollection{StepRecord}, CancellationToken)"/>), whose one batch is one write here.
/// </para>
/// <para>
/// Storage formats: times are ISO-8601 UTC text with seven fractional digits (<c>2026-01-01T00:00:00.0000000Z</c>),
/// which round-trips a <see cref="DateTimeOffset"/> to the tick (its offset becomes +00:00) and sorts as text in time
/// order; enums are stored as their names; JSON payloads are TEXT. Orders: executions newest first by creation time
/// then ARN ascending; unfinished executions oldest first by creation time then ARN; steps by start time then by when
/// the step was first saved; queue messages by send time then by when they were sent.
/// </para>
/// </remarks>
public sealed partial class SqliteExecutionStore : SqlStore, ISluiceStore
{
    /// <summary>The file name of the database inside the data directory.</summary>
    public const string FileName = "sluice.db";

    private static readonly Lazy<bool> NativeLibrary = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private readonly string connectionString;
    private readonly StoreDurability durability;
    private bool disposed;

    /// <summary>Creates a store over <c>{dataDirectory}/sluice.db</c>; creates the directory when it is missing.</summary>
    /// <param name="dataDirectory">The data directory.</param>
    /// <param name="durability">
    /// How durable commits are: <see cref="StoreDurability.Full"/> (the default, <c>synchronous=FULL</c>) or
    /// <see cref="StoreDurability.Normal"/> (<c>synchronous=NORMAL</c>: no fsync per commit; see the enum).
    /// </param>
    /// <remarks>Nothing is opened until <see cref="InitializeAsync"/>, which must run before any other method.</remarks>
    public SqliteExecutionStore(string dataDirectory, StoreDurability durability = StoreDurability.Full)
    {
        this.durability = durability;
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        _ = NativeLibrary.Value;
        Directory.CreateDirectory(dataDirectory);
        DatabasePath = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,

            // The store keeps its connections open itself (see Connections), each set up once.
            Pooling = false,

            // Seconds Microsoft.Data.Sqlite keeps retrying a busy command, on top of SQLite's own busy_timeout.
            DefaultTimeout = 30,
        }.ToString();
        writerLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The file's schema is newer than this version of Sluice knows.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await SqliteMigrations.ApplyAsync(connection, transaction, DatabasePath, cancellationToken);
                return true;
            },
            beforeTransaction: async connection =>
            {
                // Persistent in the file; must run outside a transaction.
                await connection.ExecuteScalarAsync<string>(
                    new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken));
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Writes already queued are written first; later calls throw <see cref="ObjectDisposedException"/>.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        writes.Writer.TryComplete();
        await writerLoop;
        CloseIdleReadConnections();
    }

    /// <summary>The settings a connection of this store runs with, for tests: <c>synchronous</c> 2 is FULL, 1 NORMAL.</summary>
    internal Task<(string JournalMode, long Synchronous, long BusyTimeout, long ForeignKeys)> ReadConnectionSettingsAsync(
        CancellationToken cancellationToken) =>
        ReadAsync(
            connection => connection.QuerySingleAsync<(string, long, long, long)>(Command(
                """
                SELECT (SELECT journal_mode FROM pragma_journal_mode), (SELECT synchronous FROM pragma_synchronous),
                       (SELECT timeout FROM pragma_busy_timeout), (SELECT foreign_keys FROM pragma_foreign_keys);
                """,
                null,
                cancellationToken)),
            cancellationToken);

    /// <inheritdoc/>
    private protected override SqlDialect Dialect => SqliteDialect.Instance;

    /// <inheritdoc/>
    private protected override Task<T> ReadSqlAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken) =>
        ReadAsync(read, cancellationToken);

    /// <inheritdoc/>
    private protected override Task<T> WriteSqlAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken) =>
        WriteAsync(write, cancellationToken);

    private static CommandDefinition Command(
        string sql, object? parameters, CancellationToken cancellationToken, SqliteTransaction? transaction = null) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}
