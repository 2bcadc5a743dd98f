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
    public Task<QueueRecord> CreateQueueAsync(
        string queueName, IReadOnlyDictionary<string, string> attributes, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await EnsureQueueAsync(connection, transaction, queueName, now, cancellationToken, attributes);
                return (await ReadQueueAsync(connection, transaction, queueName, cancellationToken))!;
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<QueueRecord?> GetQueueAsync(string queueName, CancellationToken cancellationToken) =>
        ReadAsync(connection => ReadQueueAsync(connection, null, queueName, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> SetQueueAttributesAsync(
        string queueName, IReadOnlyDictionary<string, string> attributes, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                if (await ReadQueueAsync(connection, transaction, queueName, cancellationToken) is not { } queue)
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
            },
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
    /// <remarks>The message id is a new GUID.</remarks>
    public Task<string> SendMessageAsync(string queueName, QueueMessage message, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await EnsureQueueAsync(connection, transaction, queueName, now, cancellationToken);
                var delay = message.Delay ?? (await ReadQueueAsync(connection, transaction, queueName, cancellationToken))!.Settings.Delay;
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
                if (await ReadQueueAsync(connection, transaction, queueName, cancellationToken) is { } queue)
                {
                    await connection.ExecuteAsync(Command(
                        "DELETE FROM messages WHERE queue_name = @QueueName AND sent_time < @Cutoff;",
                        new { QueueName = queueName, Cutoff = SqliteValues.FromTime(now - queue.Settings.Retention) },
                        cancellationToken,
                        transaction));
                }

                var candidates = (await connection.QueryAsync<MessageRow>(Command(
                    """
                    SELECT id AS Id, message_id AS MessageId, body AS Body, receive_count AS ReceiveCount,
                           sent_time AS SentTime, message_attributes AS MessageAttributes
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
                        row.MessageId, receipts[i].Handle, row.Body, row.ReceiveCount + 1, SqliteValues.ToTime(row.SentTime), row.MessageAttributes)),
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
                var retention = (await ReadQueueAsync(connection, null, queueName, cancellationToken))?.Settings.Retention ?? TimeSpan.Zero;
                var (visible, notVisible, delayed) = await connection.QuerySingleAsync<(long Visible, long NotVisible, long Delayed)>(Command(
                    """
                    SELECT COALESCE(SUM(visible_at <= @Now), 0),
                           COALESCE(SUM(visible_at > @Now AND receive_count > 0), 0),
                           COALESCE(SUM(visible_at > @Now AND receive_count = 0), 0)
                    FROM messages WHERE queue_name = @QueueName AND sent_time >= @Cutoff;
                    """,
                    new { QueueName = queueName, Now = SqliteValues.FromTime(now), Cutoff = SqliteValues.FromTime(now - retention) },
                    cancellationToken));
                return new QueueCounts(checked((int)visible), checked((int)notVisible), checked((int)delayed));
            },
            cancellationToken);

    private static async Task<QueueRecord?> ReadQueueAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string queueName, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<QueueRow>(Command(
            """
            SELECT name AS Name, creation_time AS CreationTime, last_modified_time AS LastModifiedTime, attributes_json AS AttributesJson
            FROM queues WHERE name = @Name;
            """,
            new { Name = queueName },
            cancellationToken,
            transaction)))?.ToRecord();

    private static Task<int> EnsureQueueAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
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

    /// <summary>A fresh, unguessable receipt handle (256 random bits as hex).</summary>
    private static string NewReceiptHandle() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
