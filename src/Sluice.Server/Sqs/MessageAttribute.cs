namespace Sluice.Server.Sqs;

/// <summary>One SQS message attribute: its data type and a string or binary value.</summary>
/// <param name="DataType">The data type: <c>String</c>, <c>Number</c> or <c>Binary</c>, optionally with a custom suffix (<c>Number.float</c>).</param>
/// <param name="StringValue">The value of a String or Number attribute.</param>
/// <param name="BinaryValue">The value of a Binary attribute.</param>
internal sealed record MessageAttribute(string DataType, string? StringValue, byte[]? BinaryValue)
{
    /// <summary>Whether the attribute is of the Binary type (its MD5 transport byte is 2, otherwise 1).</summary>
    public bool IsBinary => DataType.StartsWith("Binary", StringComparison.Ordinal);
}
