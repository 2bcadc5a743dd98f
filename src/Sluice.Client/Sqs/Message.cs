namespace Sluice.Client.Sqs;

/// <summary>An Amazon SQS message.</summary>
public sealed record Message
{
    /// <summary>A unique identifier for the message.</summary>
    public string? MessageId { get; init; }

    /// <summary>An identifier associated with the act of receiving the message.</summary>
    public string? ReceiptHandle { get; init; }

    /// <summary>An MD5 digest of the non-URL-encoded message body string.</summary>
    public string? MD5OfBody { get; init; }

    /// <summary>The message's contents (not URL-encoded).</summary>
    public string? Body { get; init; }

    /// <summary>A map of the attributes requested in <c>ReceiveMessage</c> to their respective values.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>An MD5 digest of the non-URL-encoded message attribute string.</summary>
    public string? MD5OfMessageAttributes { get; init; }

    /// <summary>Each message attribute consists of a <c>Name</c>, <c>Type</c>, and <c>Value</c>.</summary>
    public IReadOnlyDictionary<string, MessageAttributeValue>? MessageAttributes { get; init; }
}
