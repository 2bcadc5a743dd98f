using System.Text.Json.Serialization;

namespace Sluice.Client.Sqs;

/// <summary>The response of <c>SendMessage</c>.</summary>
public sealed record SendMessageResponse
{
    /// <summary>An MD5 digest of the non-URL-encoded message body string.</summary>
    public string? MD5OfMessageBody { get; init; }

    /// <summary>An MD5 digest of the non-URL-encoded message attribute string.</summary>
    public string? MD5OfMessageAttributes { get; init; }

    /// <summary>An MD5 digest of the non-URL-encoded message system attribute string.</summary>
    public string? MD5OfMessageSystemAttributes { get; init; }

    /// <summary>An attribute containing the <c>MessageId</c> of the message sent to the queue.</summary>
    [JsonPropertyOrder(-1)]
    public string? MessageId { get; init; }

    /// <summary>This parameter applies only to FIFO (first-in-first-out) queues.</summary>
    public string? SequenceNumber { get; init; }
}
