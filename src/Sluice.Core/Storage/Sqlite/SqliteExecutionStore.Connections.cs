using System.Collections.Concurrent;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>
/// Connections: each is opened and set up once (busy timeout, foreign keys, <c>synchronous</c> FULL or, with
/// <see cref="StoreDurability.Normal"/>, NORMAL; statement journals in memory on the write connection) and then kept
/// open, the write connection for the write loop and idle read connections on a stack, so a read costs neither an open
/// nor the set-up statements, and the statements of the hot reads are prepared once per connection and reused.
/// </summary>
public sealed partial class SqliteExecutionStore
{
    private const string ConnectionPragmas = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; ";

    /// <summary>
    /// The write connection's own: statement journals in memory. Each write of a shared transaction runs in a
    /// savepoint, and SQLite keeps a copy of every page a savepoint changes so that it can roll that write back alone;
    /// past 64 KiB a transaction's copies went to a temporary file, two <c>pwrite</c>s per page: 18 of the 41 per Start
    /// under load. They last only until the transaction ends (at most
    /// <see cref="MaxWritesPerTransaction"/> writes), so memory holds them.
    /// </summary>
    private const string WriteConnectionPragmas = "PRAGMA temp_store = MEMORY; ";

    /// <summary>Read connections kept open when idle; more are opened while more reads run at once, and closed after.</summary>
    private static readonly int MaxIdleReadConnections = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly ConcurrentStack<ReadConnection> idleReadConnections = new();

    /// <summary>Runs a read on a read connection of its own.</summary>
    private Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken) =>
        ReadPreparedAsync(lease => read(lease.Connection), cancellationToken);

    /// <summary>Runs a read on a read connection of its own, with the connection's prepared statements at hand.</summary>
    private async Task<T> ReadPreparedAsync<T>(Func<ReadConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var lease = idleReadConnections.TryPop(out var idle)
            ? idle
            : new ReadConnection(await OpenConnectionAsync(cancellationToken));
        var reusable = false;
        try
        {
            var result = await read(lease);
            reusable = true;
            return result;
        }
        finally
        {
            if (reusable && !disposed && idleReadConnections.Count < MaxIdleReadConnections)
            {
                idleReadConnections.Push(lease);
                if (disposed)
                {
                    CloseIdleReadConnections(); // disposed meanwhile: nothing may stay open
                }
            }
            else
            {
                lease.Dispose();
            }
        }
    }

    private void CloseIdleReadConnections()
    {
        while (idleReadConnections.TryPop(out var idle))
        {
            idle.Dispose();
        }
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken, bool forWrites = false)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var synchronous = durability == StoreDurability.Normal ? "NORMAL" : "FULL";
            var pragmas = forWrites ? ConnectionPragmas + WriteConnectionPragmas : ConnectionPragmas;
            await connection.ExecuteAsync(Command(pragmas + $"PRAGMA synchronous = {synchronous};", null, cancellationToken));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>An open read connection and the statements prepared on it, by SQL text.</summary>
    /// <param name="connection">The connection, open and set up.</param>
    private sealed class ReadConnection(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> prepared = new(StringComparer.Ordinal);

        public SqliteConnection Connection { get; } = connection;

        /// <summary>
        /// The command for <paramref name="sql"/>, prepared on first use, with its parameters (named
        /// <paramref name="parameterNames"/>, in that order) to be given values by position.
        /// </summary>
        public SqliteCommand Prepared(string sql, params ReadOnlySpan<string> parameterNames)
        {
            if (prepared.TryGetValue(sql, out var command))
            {
                return command;
            }

            command = Connection.CreateCommand();
            try
            {
                command.CommandText = sql;
                foreach (var name in parameterNames)
                {
                    command.Parameters.Add(new SqliteParameter(name, null));
                }

                command.Prepare();
            }
            catch
            {
                command.Dispose();
                throw;
            }

            prepared.Add(sql, command);
            return command;
        }

        public void Dispose()
        {
            foreach (var command in prepared.Values)
            {
                command.Dispose();
            }

            prepared.Clear();
            Connection.Dispose();
        }
    }
}
