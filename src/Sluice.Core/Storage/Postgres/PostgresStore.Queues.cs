using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>Callback queues (SQS-like), shared by every server; the statements are <see cref="QueueSql"/> and <see cref="MessageSql"/>.</summary>
public sealed partial class PostgresStore
{
    /// <inheritdoc/>
    public Task<QueueRecord> CreateQueueAsync(
        string queueName, IReadOnlyDictionary<string, string> attributes, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => QueueSql.CreateAsync(connection, transaction, queueName, attributes, now, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<QueueRecord?> GetQueueAsync(string queueName, CancellationToken cancellationToken) =>
        ReadAsync(connection => QueueSql.ReadAsync(connection, null, queueName, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The queue's row is locked (<c>FOR UPDATE</c>) while its attributes are merged, so concurrent changes each keep the other's.</remarks>
    public Task<bool> SetQueueAttributesAsync(
        string queueName, IReadOnlyDictionary<string, string> attributes, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => QueueSql.SetAttributesAsync(connection, transaction, Dialect, queueName, attributes, now, cancellationToken),
            cancellationToken);

    /// <inheritdoc/>
    public Task<bool> QueueExistsAsync(string queueName, CancellationToken cancellationToken) =>
        ReadAsync(connection => QueueSql.ExistsAsync(connection, queueName, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListQueuesAsync(CancellationToken cancellationToken) =>
        ReadAsync(connection => QueueSql.ListAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> DeleteQueueAsync(string queueName, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => QueueSql.DeleteAsync(connection, transaction, queueName, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<string> SendMessageAsync(string queueName, QueueMessage message, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => MessageSql.SendAsync(connection, transaction, queueName, message, now, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// The visible messages are chosen with <c>FOR UPDATE SKIP LOCKED</c> and hidden in the same transaction, so two
    /// receivers on any servers never get the same message within its visibility timeout.
    /// </remarks>
    public Task<IReadOnlyList<ReceivedMessage>> ReceiveMessagesAsync(
        string queueName, int maxMessages, TimeSpan visibilityTimeout, DateTimeOffset now, CancellationToken cancellationToken)
    {
        MessageSql.CheckReceive(maxMessages, visibilityTimeout);
        return WriteAsync(
            (connection, transaction) => MessageSql.ReceiveAsync(
                connection, transaction, Dialect, queueName, maxMessages, visibilityTimeout, now, cancellationToken),
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteMessageAsync(string queueName, string receiptHandle, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => MessageSql.DeleteAsync(connection, transaction, queueName, receiptHandle, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> ChangeMessageVisibilityAsync(
        string queueName, string receiptHandle, DateTimeOffset visibleAt, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => MessageSql.ChangeVisibilityAsync(connection, transaction, queueName, receiptHandle, visibleAt, cancellationToken),
            cancellationToken);

    /// <inheritdoc/>
    public Task PurgeQueueAsync(string queueName, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => MessageSql.PurgeAsync(connection, transaction, queueName, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<QueueCounts> CountMessagesAsync(string queueName, DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync(connection => MessageSql.CountAsync(connection, queueName, now, cancellationToken), cancellationToken);
}
