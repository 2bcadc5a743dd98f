namespace Sluice.Client.Sqs;

/// <summary>The response of <c>GetQueueUrl</c>.</summary>
public sealed record GetQueueUrlResponse
{
    /// <summary>The URL of the queue.</summary>
    public string? QueueUrl { get; init; }
}
