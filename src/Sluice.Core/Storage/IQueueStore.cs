namespace Sluice.Core.Storage;

/// <summary>
/// The built-in SQS-compatible queues Callback steps post to. The Callback runner sends; SQS consumers (the server's
/// queue API, <c>sluice queue receive</c>) receive and delete; no pipeline or execution state is here. Every method has
/// finished writing when its task completes (nothing is reported before it is durable).
/// </summary>
public interface IQueueStore
{
    /// <summary>Creates a queue without attributes if it does not exist.</summary>
    Task CreateQueueAsync(string queueName, DateTimeOffset now, CancellationToken cancellationToken) =>
        CreateQueueAsync(queueName, new Dictionary<string, string>(StringComparer.Ordinal), now, cancellationToken);

    /// <summary>Creates a queue with attributes (checked with <see cref="QueueSettings.Check"/>) if it does not exist.</summary>
    /// <returns>The queue as stored: a queue that existed keeps its attributes (the caller compares them, as SQS does).</returns>
    Task<QueueRecord> CreateQueueAsync(string queueName, IReadOnlyDictionary<string, string> attributes, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A queue, or null when it does not exist.</summary>
    Task<QueueRecord?> GetQueueAsync(string queueName, CancellationToken cancellationToken);

    /// <summary>Sets attributes of a queue (checked with <see cref="QueueSettings.Check"/>), keeping the others.</summary>
    /// <returns>Whether the queue exists.</returns>
    Task<bool> SetQueueAttributesAsync(string queueName, IReadOnlyDictionary<string, string> attributes, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Whether a queue exists.</summary>
    Task<bool> QueueExistsAsync(string queueName, CancellationToken cancellationToken);

    /// <summary>Every queue's name, ordered.</summary>
    Task<IReadOnlyList<string>> ListQueuesAsync(CancellationToken cancellationToken);

    /// <summary>Deletes a queue and its messages.</summary>
    /// <returns>Whether it existed.</returns>
    Task<bool> DeleteQueueAsync(string queueName, CancellationToken cancellationToken);

    /// <summary>Adds a message with only a body, creating the queue if needed.</summary>
    /// <returns>The message id.</returns>
    Task<string> SendMessageAsync(string queueName, string body, DateTimeOffset now, CancellationToken cancellationToken) =>
        SendMessageAsync(queueName, new QueueMessage(body), now, cancellationToken);

    /// <summary>
    /// Adds a message, creating the queue if needed. It becomes visible after its delay, or the queue's
    /// <c>DelaySeconds</c> when it has none.
    /// </summary>
    /// <returns>The message id.</returns>
    Task<string> SendMessageAsync(string queueName, QueueMessage message, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/> visible messages, oldest first, and hides them until
    /// <paramref name="now"/> + <paramref name="visibilityTimeout"/>; each receipt gets a fresh receipt handle.
    /// </summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveMessagesAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the message a receipt handle names.</summary>
    /// <returns>Whether the handle named a message (the latest receipt of one) in that queue.</returns>
    Task<bool> DeleteMessageAsync(string queueName, string receiptHandle, CancellationToken cancellationToken);

    /// <summary>Sets when a received message becomes visible again.</summary>
    /// <returns>Whether the handle named a message in that queue.</returns>
    Task<bool> ChangeMessageVisibilityAsync(string queueName, string receiptHandle, DateTimeOffset visibleAt, CancellationToken cancellationToken);

    /// <summary>Deletes every message of a queue.</summary>
    Task PurgeQueueAsync(string queueName, CancellationToken cancellationToken);

    /// <summary>How many messages are visible, in flight and delayed at <paramref name="now"/> (past their retention not counted).</summary>
    Task<QueueCounts> CountMessagesAsync(string queueName, DateTimeOffset now, CancellationToken cancellationToken);
}
