using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Storage.Rows.SqlCommands;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Rows;

/// <summary>
/// The messages of <see cref="IQueueStore"/>'s queues, as SQLite and PostgreSQL run them. A message is visible when its
/// visibility time is at or before now; "oldest first" is by send time, then by send order. Methods taking a
/// transaction run inside the caller's write; the others are reads.
/// </summary>
internal static class MessageSql
{
    /// <summary>Adds a message, creating the queue if needed; it is visible after its delay or the queue's.</summary>
    /// <returns>The message id, a new GUID.</returns>
    public static async Task<string> SendAsync(
        DbConnection connection,
        DbTransaction transaction,
        string queueName,
        QueueMessage message,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await QueueSql.EnsureAsync(connection, transaction, queueName, now, cancellationToken);
        var delay = message.Delay ?? (await QueueSql.ReadAsync(connection, transaction, queueName, cancellationToken))!.Settings.Delay;
        var messageId = Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
        await connection.ExecuteAsync(Command(
            """
            INSERT INTO messages (queue_name, message_id, body, sent_time, visible_at, receive_count, message_attributes)
            VALUES (@QueueName, @MessageId, @Body, @Time, @VisibleAt, 0, @Attributes);
            """,
            new
            {
                QueueName = queueName,
                MessageId = messageId,
                message.Body,
                Time = SqliteValues.FromTime(now),
                VisibleAt = SqliteValues.FromTime(now + delay),
                Attributes = message.MessageAttributes,
            },
            cancellationToken,
            transaction));
        return messageId;
    }

    /// <summary>Refuses a receive of fewer than one message or with a negative visibility timeout, before it is queued as a write.</summary>
    /// <exception cref="ArgumentOutOfRangeException">One of them is out of range.</exception>
    public static void CheckReceive(int maxMessages, TimeSpan visibilityTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.Zero);
    }

    /// <summary>
    /// Drops the queue's messages past retention, then chooses the oldest visible ones and hides them in the same write
    /// (locked with <see cref="SqlDialect.ForUpdateSkipLocked"/>), so two receivers never get one message within its
    /// visibility timeout. Each receipt gets a fresh receipt handle. A queue that does not exist has no messages.
    /// </summary>
    /// <returns>The messages received.</returns>
    public static async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(
        DbConnection connection,
        DbTransaction transaction,
        SqlDialect dialect,
        string queueName,
        int maxMessages,
        TimeSpan visibilityTimeout,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (await QueueSql.ReadAsync(connection, transaction, queueName, cancellationToken) is { } queue)
        {
            await connection.ExecuteAsync(Command(
                "DELETE FROM messages WHERE queue_name = @QueueName AND sent_time < @Cutoff;",
                new { QueueName = queueName, Cutoff = SqliteValues.FromTime(now - queue.Settings.Retention) },
                cancellationToken,
                transaction));
        }

        var candidates = (await connection.QueryAsync<MessageRow>(Command(
            $"""
            SELECT id AS Id, message_id AS MessageId, body AS Body, receive_count AS ReceiveCount, sent_time AS SentTime,
                   message_attributes AS MessageAttributes
            FROM messages WHERE queue_name = @QueueName AND visible_at <= @Now
            ORDER BY sent_time, id LIMIT @MaxMessages{dialect.ForUpdateSkipLocked};
            """,
            new { QueueName = queueName, Now = SqliteValues.FromTime(now), MaxMessages = maxMessages },
            cancellationToken,
            transaction))).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var handles = candidates.Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))).ToArray();
        await HideAsync(connection, transaction, dialect, candidates, handles, SqliteValues.FromTime(now + visibilityTimeout), cancellationToken);
        return
        [
            .. candidates.Select((row, i) => new ReceivedMessage(
                row.MessageId, handles[i], row.Body, row.ReceiveCount + 1, SqliteValues.ToTime(row.SentTime), row.MessageAttributes)),
        ];
    }

    /// <summary>Deletes the message a receipt handle names.</summary>
    /// <returns>Whether the handle named a message in that queue.</returns>
    public static async Task<bool> DeleteAsync(
        DbConnection connection, DbTransaction transaction, string queueName, string receiptHandle, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(Command(
            "DELETE FROM messages WHERE queue_name = @QueueName AND receipt_handle = @ReceiptHandle;",
            new { QueueName = queueName, ReceiptHandle = receiptHandle },
            cancellationToken,
            transaction)) > 0;

    /// <summary>Sets when a received message becomes visible again.</summary>
    /// <returns>Whether the handle named a message in that queue.</returns>
    public static async Task<bool> ChangeVisibilityAsync(
        DbConnection connection,
        DbTransaction transaction,
        string queueName,
        string receiptHandle,
        DateTimeOffset visibleAt,
        CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(Command(
            "UPDATE messages SET visible_at = @VisibleAt WHERE queue_name = @QueueName AND receipt_handle = @ReceiptHandle;",
            new { QueueName = queueName, ReceiptHandle = receiptHandle, VisibleAt = SqliteValues.FromTime(visibleAt) },
            cancellationToken,
            transaction)) > 0;

    /// <summary>Deletes every message of a queue.</summary>
    /// <returns>How many were deleted.</returns>
    public static Task<int> PurgeAsync(DbConnection connection, DbTransaction transaction, string queueName, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(
            "DELETE FROM messages WHERE queue_name = @QueueName;", new { QueueName = queueName }, cancellationToken, transaction));

    /// <summary>How many messages are visible, in flight and delayed at <paramref name="now"/> (past their retention not counted).</summary>
    /// <returns>The counts.</returns>
    public static async Task<QueueCounts> CountAsync(DbConnection connection, string queueName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var retention = (await QueueSql.ReadAsync(connection, null, queueName, cancellationToken))?.Settings.Retention ?? TimeSpan.Zero;
        var (visible, notVisible, delayed) = await connection.QuerySingleAsync<(long Visible, long NotVisible, long Delayed)>(Command(
            """
            SELECT COUNT(*) FILTER (WHERE visible_at <= @Now),
                   COUNT(*) FILTER (WHERE visible_at > @Now AND receive_count > 0),
                   COUNT(*) FILTER (WHERE visible_at > @Now AND receive_count = 0)
            FROM messages WHERE queue_name = @QueueName AND sent_time >= @Cutoff;
            """,
            new { QueueName = queueName, Now = SqliteValues.FromTime(now), Cutoff = SqliteValues.FromTime(now - retention) },
            cancellationToken));
        return new QueueCounts(checked((int)visible), checked((int)notVisible), checked((int)delayed));
    }

    /// <summary>Hides received messages until <paramref name="visibleAt"/>, counting the receipt and keeping its handle.</summary>
    private static Task<int> HideAsync(
        DbConnection connection,
        DbTransaction transaction,
        SqlDialect dialect,
        List<MessageRow> received,
        string[] handles,
        string visibleAt,
        CancellationToken cancellationToken) =>
        dialect.BindsArrays
            ? connection.ExecuteAsync(Command(
                """
                UPDATE messages AS m SET visible_at = @VisibleAt, receive_count = m.receive_count + 1, receipt_handle = r.handle
                FROM unnest(@Ids, @Handles) AS r (id, handle)
                WHERE m.id = r.id;
                """,
                new { VisibleAt = visibleAt, Ids = received.Select(c => c.Id).ToArray(), Handles = handles },
                cancellationToken,
                transaction))
            : connection.ExecuteAsync(Command(
                "UPDATE messages SET visible_at = @VisibleAt, receive_count = receive_count + 1, receipt_handle = @Handle WHERE id = @Id;",
                received.Select((row, i) => new { row.Id, Handle = handles[i], VisibleAt = visibleAt }).ToList(),
                cancellationToken,
                transaction));
}
