namespace Sluice.Client.Sqs;

/// <summary>
/// The queue attributes <c>CreateQueue</c>, <c>SetQueueAttributes</c> and <c>GetQueueAttributes</c> name, as SQS spells
/// them. Values travel as strings (seconds and bytes as decimal numbers).
/// </summary>
public static class QueueAttributeNames
{
    /// <summary>Every attribute (<c>GetQueueAttributes</c> only).</summary>
    public const string All = "All";

    /// <summary>Seconds a received message stays invisible to other receivers (0 to 43,200; 30 by default).</summary>
    public const string VisibilityTimeout = "VisibilityTimeout";

    /// <summary>Seconds every message sent is delayed before it can be received (0 to 900; 0 by default).</summary>
    public const string DelaySeconds = "DelaySeconds";

    /// <summary>Seconds a message is kept (60 to 1,209,600; 345,600, four days, by default).</summary>
    public const string MessageRetentionPeriod = "MessageRetentionPeriod";

    /// <summary>The largest message in bytes, body and attributes (1,024 to 262,144 on Sluice; 262,144 by default).</summary>
    public const string MaximumMessageSize = "MaximumMessageSize";

    /// <summary>Seconds a receive waits for a message when it does not say (0 to 20; 0 by default).</summary>
    public const string ReceiveMessageWaitTimeSeconds = "ReceiveMessageWaitTimeSeconds";

    /// <summary>The queue's ARN (read only).</summary>
    public const string QueueArn = "QueueArn";

    /// <summary>How many messages can be received now (read only).</summary>
    public const string ApproximateNumberOfMessages = "ApproximateNumberOfMessages";

    /// <summary>How many messages are received and not yet deleted nor visible again (read only).</summary>
    public const string ApproximateNumberOfMessagesNotVisible = "ApproximateNumberOfMessagesNotVisible";

    /// <summary>How many messages wait out their delay (read only).</summary>
    public const string ApproximateNumberOfMessagesDelayed = "ApproximateNumberOfMessagesDelayed";
}
