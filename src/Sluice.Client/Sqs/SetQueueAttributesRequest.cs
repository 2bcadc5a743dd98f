namespace Sluice.Client.Sqs;

/// <summary>The request of <c>SetQueueAttributes</c>. Sets the value of one or more queue attributes.</summary>
public sealed record SetQueueAttributesRequest
{
    /// <summary>The URL of the Amazon SQS queue whose attributes are set.</summary>
    public required string QueueUrl { get; init; }

    /// <summary>The attributes to set, by name (<see cref="QueueAttributeNames"/>), each value as a string.</summary>
    public required IReadOnlyDictionary<string, string> Attributes { get; init; }
}
