using System.Text.Json.Serialization;

namespace Sluice.Client.Sqs;

/// <summary>The user-specified message attribute value.</summary>
public sealed record MessageAttributeValue
{
    /// <summary>Strings are Unicode with UTF-8 binary encoding.</summary>
    public string? StringValue { get; init; }

    /// <summary>Binary type attributes can store any binary data, such as compressed data, encrypted data, or images.</summary>
    public byte[]? BinaryValue { get; init; }

    /// <summary>Not implemented.</summary>
    public IReadOnlyList<string>? StringListValues { get; init; }

    /// <summary>Not implemented.</summary>
    public IReadOnlyList<byte[]>? BinaryListValues { get; init; }

    /// <summary>Amazon SQS supports the following logical data types: <c>String</c>, <c>Number</c>, and <c>Binary</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string? DataType { get; init; }
}
