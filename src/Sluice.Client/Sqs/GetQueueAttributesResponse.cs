namespace Sluice.Client.Sqs;

/// <summary>The response of <c>GetQueueAttributes</c>.</summary>
public sealed record GetQueueAttributesResponse
{
    /// <summary>A map of attributes to their respective values.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
