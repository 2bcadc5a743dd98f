namespace Sluice.Client.Sqs;

/// <summary>The request of <c>GetQueueAttributes</c>. Gets attributes for the specified queue.</summary>
public sealed record GetQueueAttributesRequest
{
    /// <summary>The URL of the Amazon SQS queue whose attribute information is retrieved.</summary>
    public required string QueueUrl { get; init; }

    /// <summary>A list of attributes for which to retrieve information.</summary>
    public IReadOnlyList<string>? AttributeNames { get; init; }
}
