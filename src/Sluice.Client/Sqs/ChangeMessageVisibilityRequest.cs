namespace Sluice.Client.Sqs;

/// <summary>The request of <c>ChangeMessageVisibility</c>. Changes the visibility timeout of a specified message in a queue to a new value.</summary>
public sealed record ChangeMessageVisibilityRequest
{
    /// <summary>The URL of the Amazon SQS queue whose message's visibility is changed.</summary>
    public required string QueueUrl { get; init; }

    /// <summary>The receipt handle associated with the message, whose visibility timeout is changed.</summary>
    public required string ReceiptHandle { get; init; }

    /// <summary>The new value for the message's visibility timeout (in seconds).</summary>
    public required int VisibilityTimeout { get; init; }
}
