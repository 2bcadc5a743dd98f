namespace Sluice.Client.Sqs;

/// <summary>One failed entry of a batch answer.</summary>
public sealed record BatchResultErrorEntry
{
    /// <summary>The entry's <c>Id</c> in the request.</summary>
    public required string Id { get; init; }

    /// <summary>Whether the error happened because of the caller (true for every error Sluice reports).</summary>
    public bool SenderFault { get; init; }

    /// <summary>The error code, e.g. <c>InvalidParameterValue</c> or <c>ReceiptHandleIsInvalid</c>.</summary>
    public required string Code { get; init; }

    /// <summary>A message explaining the error.</summary>
    public string? Message { get; init; }
}
