using System.Data.Common;
using Dapper;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Storage.Rows.SqlCommands;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Rows;

/// <summary>
/// The queues of <see cref="IQueueStore"/> (their messages are <see cref="MessageSql"/>'s), as SQLite and PostgreSQL
/// run them. Methods taking a transaction run inside the caller's write; the others are reads.
/// </summary>
internal static class QueueSql
{
    private const string Columns =
        "name AS Name, creation_time AS CreationTime, last_modified_time AS LastModifiedTime, attributes_json AS AttributesJson";

    /// <summary>Creates a queue unless it exists, then reads it back (<see cref="IQueueStore.CreateQueueAsync(string, IReadOnlyDictionary{string, string}, DateTimeOffset, CancellationToken)"/>).</summary>
    /// <returns>The queue as stored.</returns>
    public static async Task<QueueRecord> CreateAsync(
        DbConnection connection,
        DbTransaction transaction,
        string queueName,
        IReadOnlyDictionary<string, string> attributes,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await EnsureAsync(connection, transaction, queueName, now, cancellationToken, attributes);
        return (await ReadAsync(connection, transaction, queueName, cancellationToken))!;
    }

    /// <summary>A queue, or <see langword="null"/>; inside a write when given its transaction.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="transaction">The write's transaction, or <see langword="null"/> for a read.</param>
    /// <param name="queueName">The queue.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="lockClause">A clause that locks the row (<see cref="SqlDialect.ForUpdate"/>), or none.</param>
    /// <returns>The queue, or <see langword="null"/>.</returns>
    public static async Task<QueueRecord?> ReadAsync(
        DbConnection connection, DbTransaction? transaction, string queueName, CancellationToken cancellationToken, string lockClause = "") =>
        (await connection.QuerySingleOrDefaultAsync<QueueRow>(Command(
            $"SELECT {Columns} FROM queues WHERE name = @Name{lockClause};", new { Name = queueName }, cancellationToken, transaction)))?.ToRecord();

    /// <summary>Merges attributes into a queue's, holding its row until the write commits.</summary>
    /// <returns>Whether the queue exists.</returns>
    public static async Task<bool> SetAttributesAsync(
        DbConnection connection,
        DbTransaction transaction,
        SqlDialect dialect,
        string queueName,
        IReadOnlyDictionary<string, string> attributes,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (await ReadAsync(connection, transaction, queueName, cancellationToken, dialect.ForUpdate) is not { } queue)
        {
            return false;
        }

        var merged = queue.Attributes.ToDictionary(StringComparer.Ordinal);
        foreach (var (name, value) in attributes)
        {
            merged[name] = value;
        }

        await connection.ExecuteAsync(Command(
            "UPDATE queues SET attributes_json = @Json, last_modified_time = @Now WHERE name = @Name;",
            new { Name = queueName, Json = QueueSettings.ToJson(merged), Now = SqliteValues.FromTime(now) },
            cancellationToken,
            transaction));
        return true;
    }

    /// <summary>Whether a queue exists.</summary>
    /// <returns>Whether it exists.</returns>
    public static Task<bool> ExistsAsync(DbConnection connection, string queueName, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(Command(
            "SELECT EXISTS (SELECT 1 FROM queues WHERE name = @Name);", new { Name = queueName }, cancellationToken));

    /// <summary>Every queue's name, ordered.</summary>
    /// <returns>The names.</returns>
    public static async Task<IReadOnlyList<string>> ListAsync(DbConnection connection, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<string>(Command("SELECT name FROM queues ORDER BY name;", null, cancellationToken))];

    /// <summary>Deletes a queue; its messages go with it (<c>ON DELETE CASCADE</c>).</summary>
    /// <returns>Whether it existed.</returns>
    public static async Task<bool> DeleteAsync(
        DbConnection connection, DbTransaction transaction, string queueName, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(Command(
            "DELETE FROM queues WHERE name = @Name;", new { Name = queueName }, cancellationToken, transaction)) > 0;

    /// <summary>Creates a queue unless it exists; one that exists keeps its attributes.</summary>
    /// <returns>How many queues were created (0 or 1).</returns>
    public static Task<int> EnsureAsync(
        DbConnection connection,
        DbTransaction transaction,
        string queueName,
        DateTimeOffset now,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? attributes = null) =>
        connection.ExecuteAsync(Command(
            """
            INSERT INTO queues (name, creation_time, last_modified_time, attributes_json) VALUES (@Name, @CreationTime, @CreationTime, @Json)
            ON CONFLICT (name) DO NOTHING;
            """,
            new { Name = queueName, CreationTime = SqliteValues.FromTime(now), Json = attributes is { Count: > 0 } ? QueueSettings.ToJson(attributes) : null },
            cancellationToken,
            transaction));
}
