namespace Sluice.Core.Storage.Rows;

/// <summary>Callback queues (SQS-like, <see cref="IQueueStore"/>); the statements are <see cref="QueueSql"/> and <see cref="MessageSql"/>.</summary>
public abstract partial class SqlStore
{
    /// <inheritdoc/>
    public Task<QueueRecord> CreateQueueAsync(
        string queueName, IReadOnlyDictionary<string, string> attributes, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteSqlAsync((connection, transaction) => QueueSql.CreateAsync(connection, transaction, queueName, attributes, now, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<QueueRecord?> GetQueueAsync(string queueName, CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => QueueSql.ReadAsync(connection, null, queueName, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The queue's row is held (<see cref="SqlDialect.ForUpdate"/>) while its attributes are merged, so concurrent changes each keep the other's.</remarks>
    public Task<bool> SetQueueAttributesAsync(
        string queueName, IReadOnlyDictionary<string, string> attributes, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteSqlAsync(
            (connection, transaction) => QueueSql.SetAttributesAsync(connection, transaction, Dialect, queueName, attributes, now, cancellationToken),
            cancellationToken);

    /// <inheritdoc/>
    public Task<bool> QueueExistsAsync(string queueName, CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => QueueSql.ExistsAsync(connection, queueName, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListQueuesAsync(CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => QueueSql.ListAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> DeleteQueueAsync(string queueName, CancellationToken cancellationToken) =>
        WriteSqlAsync((connection, transaction) => QueueSql.DeleteAsync(connection, transaction, queueName, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The message id is a new GUID.</remarks>
    public Task<string> SendMessageAsync(string queueName, QueueMessage message, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteSqlAsync((connection, transaction) => MessageSql.SendAsync(connection, transaction, queueName, message, now, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// Atomic: the visible messages are chosen (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>) and hidden in one write, so
    /// two receivers in any process or on any server never get the same message within its visibility timeout.
    /// </remarks>
    public Task<IReadOnlyList<ReceivedMessage>> ReceiveMessagesAsync(
        string queueName, int maxMessages, TimeSpan visibilityTimeout, DateTimeOffset now, CancellationToken cancellationToken)
    {
        MessageSql.CheckReceive(maxMessages, visibilityTimeout);
        return WriteSqlAsync(
            (connection, transaction) => MessageSql.ReceiveAsync(
                connection, transaction, Dialect, queueName, maxMessages, visibilityTimeout, now, cancellationToken),
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteMessageAsync(string queueName, string receiptHandle, CancellationToken cancellationToken) =>
        WriteSqlAsync((connection, transaction) => MessageSql.DeleteAsync(connection, transaction, queueName, receiptHandle, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> ChangeMessageVisibilityAsync(
        string queueName, string receiptHandle, DateTimeOffset visibleAt, CancellationToken cancellationToken) =>
        WriteSqlAsync(
            (connection, transaction) => MessageSql.ChangeVisibilityAsync(connection, transaction, queueName, receiptHandle, visibleAt, cancellationToken),
            cancellationToken);

    /// <inheritdoc/>
    public Task PurgeQueueAsync(string queueName, CancellationToken cancellationToken) =>
        WriteSqlAsync((connection, transaction) => MessageSql.PurgeAsync(connection, transaction, queueName, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<QueueCounts> CountMessagesAsync(string queueName, DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => MessageSql.CountAsync(connection, queueName, now, cancellationToken), cancellationToken);
}
