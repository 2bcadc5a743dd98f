using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Npgsql;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>Callback queues (SQS-like), shared by every server.</summary>
public sealed partial class PostgresStore
{
    /// <inheritdoc/>
    public Task CreateQueueAsync(string queueName, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => EnsureQueueAsync(connection, transaction, queueName, now, cancellationToken),
            cancellationToken);

    /// <inheritdoc/>
    public Task<bool> QueueExistsAsync(string queueName, CancellationToken cancellationToken) =>
        ReadAsync(
            connection => connection.ExecuteScalarAsync<bool>(Command(
                "SELECT EXISTS (SELECT 1 FROM queues WHERE name = @Name);", new { Name = queueName }, cancellationToken)),
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListQueuesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<string>>(
            async connection => [.. await connection.QueryAsync<string>(Command("SELECT name FROM queues ORDER BY name;", null, cancellationToken))],
            cancellationToken);

    /// <inheritdoc/>
    public Task<bool> DeleteQueueAsync(string queueName, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) => await connection.ExecuteAsync(Command(
                "DELETE FROM queues WHERE name = @Name;", new { Name = queueName }, cancellationToken, transaction)) > 0,
            cancellationToken);

    /// <inheritdoc/>
    public Task<string> SendMessageAsync(string queueName, string body, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await EnsureQueueAsync(connection, transaction, queueName, now, cancellationToken);
                var messageId = Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
                await connection.ExecuteAsync(Command(
                    """
                    INSERT INTO messages (queue_name, message_id, body, sent_time, visible_at, receive_count)
                    VALUES (@QueueName, @MessageId, @Body, @Time, @Time, 0);
                    """,
                    new { QueueName = queueName, MessageId = messageId, Body = body, Time = SqliteValues.FromTime(now) },
                    cancellationToken,
                    transaction));
                return messageId;
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// The visible messages are chosen with <c>FOR UPDATE SKIP LOCKED</c> and hidden in the same transaction, so two
    /// receivers on any servers never get the same message within its visibility timeout.
    /// </remarks>
    public Task<IReadOnlyList<ReceivedMessage>> ReceiveMessagesAsync(
        string queueName, int maxMessages, TimeSpan visibilityTimeout, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.Zero);
        return WriteAsync(
            async (connection, transaction) =>
            {
                var candidates = (await connection.QueryAsync<MessageRow>(Command(
                    """
                    SELECT id AS Id, message_id AS MessageId, body AS Body, receive_count AS ReceiveCount, sent_time AS SentTime
                    FROM messages WHERE queue_name = @QueueName AND visible_at <= @Now
                    ORDER BY sent_time, id LIMIT @MaxMessages
                    FOR UPDATE SKIP LOCKED;
                    """,
                    new { QueueName = queueName, Now = SqliteValues.FromTime(now), MaxMessages = maxMessages },
                    cancellationToken,
                    transaction))).ToList();
                if (candidates.Count == 0)
                {
                    return (IReadOnlyList<ReceivedMessage>)[];
                }

                var handles = candidates.Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))).ToArray();
                await connection.ExecuteAsync(Command(
                    """
                    UPDATE messages AS m SET visible_at = @VisibleAt, receive_count = m.receive_count + 1, receipt_handle = r.handle
                    FROM unnest(@Ids, @Handles) AS r (id, handle)
                    WHERE m.id = r.id;
                    """,
                    new { VisibleAt = SqliteValues.FromTime(now + visibilityTimeout), Ids = candidates.Select(c => c.Id).ToArray(), Handles = handles },
                    cancellationToken,
                    transaction));
                return (IReadOnlyList<ReceivedMessage>)
                [
                    .. candidates.Select((row, i) => new ReceivedMessage(
                        row.MessageId, handles[i], row.Body, row.ReceiveCount + 1, SqliteValues.ToTime(row.SentTime))),
                ];
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteMessageAsync(string queueName, string receiptHandle, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) => await connection.ExecuteAsync(Command(
                "DELETE FROM messages WHERE queue_name = @QueueName AND receipt_handle = @ReceiptHandle;",
                new { QueueName = queueName, ReceiptHandle = receiptHandle },
                cancellationToken,
                transaction)) > 0,
            cancellationToken);

    /// <inheritdoc/>
    public Task<bool> ChangeMessageVisibilityAsync(
        string queueName, string receiptHandle, DateTimeOffset visibleAt, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) => await connection.ExecuteAsync(Command(
                "UPDATE messages SET visible_at = @VisibleAt WHERE queue_name = @QueueName AND receipt_handle = @ReceiptHandle;",
                new { QueueName = queueName, ReceiptHandle = receiptHandle, VisibleAt = SqliteValues.FromTime(visibleAt) },
                cancellationToken,
                transaction)) > 0,
            cancellationToken);

    /// <inheritdoc/>
    public Task PurgeQueueAsync(string queueName, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                "DELETE FROM messages WHERE queue_name = @QueueName;", new { QueueName = queueName }, cancellationToken, transaction)),
            cancellationToken);

    /// <inheritdoc/>
    public Task<QueueCounts> CountMessagesAsync(string queueName, DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection =>
            {
                var (visible, notVisible) = await connection.QuerySingleAsync<(long Visible, long NotVisible)>(Command(
                    """
                    SELECT COUNT(*) FILTER (WHERE visible_at <= @Now), COUNT(*) FILTER (WHERE visible_at > @Now)
                    FROM messages WHERE queue_name = @QueueName;
                    """,
                    new { QueueName = queueName, Now = SqliteValues.FromTime(now) },
                    cancellationToken));
                return new QueueCounts(checked((int)visible), checked((int)notVisible));
            },
            cancellationToken);

    private static Task<int> EnsureQueueAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string queueName, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(
            "INSERT INTO queues (name, creation_time) VALUES (@Name, @CreationTime) ON CONFLICT (name) DO NOTHING;",
            new { Name = queueName, CreationTime = SqliteValues.FromTime(now) },
            cancellationToken,
            transaction));
}
