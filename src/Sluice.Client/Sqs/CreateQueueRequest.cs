using System.Text.Json.Serialization;

namespace Sluice.Client.Sqs;

/// <summary>The request of <c>CreateQueue</c>. Creates a new standard or FIFO queue.</summary>
public sealed record CreateQueueRequest
{
    /// <summary>The name of the new queue.</summary>
    public required string QueueName { get; init; }

    /// <summary>A map of attributes with their corresponding values.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>Add cost allocation tags to the specified Amazon SQS queue.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
