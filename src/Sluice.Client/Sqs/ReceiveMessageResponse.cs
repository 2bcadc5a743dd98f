namespace Sluice.Client.Sqs;

/// <summary>The response of <c>ReceiveMessage</c>.</summary>
public sealed record ReceiveMessageResponse
{
    /// <summary>A list of messages.</summary>
    public IReadOnlyList<Message>? Messages { get; init; }
}
