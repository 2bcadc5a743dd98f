namespace Sluice.Client.Sqs;

/// <summary>The request of <c>DeleteMessage</c>. Deletes the specified message from the specified queue.</summary>
public sealed record DeleteMessageRequest
{
    /// <summary>The URL of the Amazon SQS queue from which messages are deleted.</summary>
    public required string QueueUrl { get; init; }

    /// <summary>The receipt handle associated with the message to delete.</summary>
    public required string ReceiptHandle { get; init; }
}
