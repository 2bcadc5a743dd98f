namespace Sluice.Client.Sqs;

/// <summary>The request of <c>DeleteQueue</c>. Deletes the queue specified by the <c>QueueUrl</c>, regardless of the queue's contents.</summary>
public sealed record DeleteQueueRequest
{
    /// <summary>The URL of the Amazon SQS queue to delete.</summary>
    public required string QueueUrl { get; init; }
}
