namespace Sluice.Client.Sqs;

/// <summary>The request of <c>PurgeQueue</c>. Deletes available messages in a queue (including in-flight messages) specified by the <c>QueueURL</c> parameter.</summary>
public sealed record PurgeQueueRequest
{
    /// <summary>The URL of the queue from which the <c>PurgeQueue</c> action deletes messages.</summary>
    public required string QueueUrl { get; init; }
}
