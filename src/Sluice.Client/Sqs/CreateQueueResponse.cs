namespace Sluice.Client.Sqs;

/// <summary>The response of <c>CreateQueue</c>.</summary>
public sealed record CreateQueueResponse
{
    /// <summary>The URL of the created Amazon SQS queue.</summary>
    public string? QueueUrl { get; init; }
}
