using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>Callback queues (SQS-like).</summary>
public sealed partial class SqliteExecutionStore
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
        ReadAsync(
            async connection =>
            {
                var names = await connection.QueryAsync<string>(Command("SELECT name FROM queues ORDER BY name;", null, cancellationToken));
                return (IReadOnlyList<string>)[.. names];
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<bool> DeleteQueueAsync(string queueName, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                // Messages go with their queue (ON DELETE CASCADE).
                var deleted = await connection.ExecuteAsync(Command(
                    "DELETE FROM queues WHERE name = @Name;", new { Name = queueName }, cancellationToken, transaction));
                return deleted > 0;
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The message id is a new GUID; the message is visible from <paramref name="now"/>.</remarks>
    public Task<string> SendMessageAsync(string queueName, string body, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await EnsureQueueAsync(connection, transaction, queueName, now, cancellationToken);
                var messageId = Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
                var time = SqliteValues.FromTime(now);
                await connection.ExecuteAsync(Command(
                    """
                    INSERT INTO messages (queue_name, message_id, body, sent_time, visible_at, receive_count)
                    VALUES (@QueueName, @MessageId, @Body, @Time, @Time, 0);
                    """,
                    new { QueueName = queueName, MessageId = messageId, Body = body, Time = time },
                    cancellationToken,
                    transaction));
                return messageId;
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// Atomic: the messages are chosen and hidden in one write transaction, so two receivers (in this process or
    /// another) never get the same message within its visibility timeout. A message is visible when its visibility
    /// time is at or before <paramref name="now"/>; "oldest first" is by send time, then by send order. A queue that
    /// does not exist has no messages.
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
                    SELECT id AS Id, message_id AS MessageId, body AS Body, receive_count AS ReceiveCount,
                           sent_time AS SentTime
                    FROM messages WHERE queue_name = @QueueName AND visible_at <= @Now
                    ORDER BY sent_time, id LIMIT @MaxMessages;
                    """,
                    new { QueueName = queueName, Now = SqliteValues.FromTime(now), MaxMessages = maxMessages },
                    cancellationToken,
                    transaction))).ToList();
                if (candidates.Count == 0)
                {
                    return (IReadOnlyList<ReceivedMessage>)[];
                }

                var visibleAt = SqliteValues.FromTime(now + visibilityTimeout);
                var receipts = candidates.Select(row => new { row.Id, Handle = NewReceiptHandle(), VisibleAt = visibleAt }).ToList();
                await connection.ExecuteAsync(Command(
                    """
                    UPDATE messages SET visible_at = @VisibleAt, receive_count = receive_count + 1, receipt_handle = @Handle
                    WHERE id = @Id;
                    """,
                    receipts,
                    cancellationToken,
                    transaction));
                return (IReadOnlyList<ReceivedMessage>)
                [
                    .. candidates.Select((row, i) => new ReceivedMessage(
                        row.MessageId, receipts[i].Handle, row.Body, row.ReceiveCount + 1, SqliteValues.ToTime(row.SentTime))),
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
                    SELECT COALESCE(SUM(visible_at <= @Now), 0), COALESCE(SUM(visible_at > @Now), 0)
                    FROM messages WHERE queue_name = @QueueName;
                    """,
                    new { QueueName = queueName, Now = SqliteValues.FromTime(now) },
                    cancellationToken));
                return new QueueCounts(checked((int)visible), checked((int)notVisible));
            },
            cancellationToken);

    private static Task<int> EnsureQueueAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string queueName,
        DateTimeOffset now,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(
            "INSERT INTO queues (name, creation_time) VALUES (@Name, @CreationTime) ON CONFLICT (name) DO NOTHING;",
            new { Name = queueName, CreationTime = SqliteValues.FromTime(now) },
            cancellationToken,
            transaction));

    /// <summary>A fresh, unguessable receipt handle (256 random bits as hex).</summary>
    private static string NewReceiptHandle() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
