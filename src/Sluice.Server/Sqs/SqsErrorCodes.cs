namespace Sluice.Server.Sqs;

/// <summary>
/// SQS's error codes in both protocols: the JSON protocol's code (its <c>__type</c> after <c>com.amazonaws.sqs#</c>)
/// and the query protocol's code with its fault, as <c>x-amzn-query-error</c> carries them and query clients read
/// them from the XML <c>Code</c>. Codes not listed are the same in both, with the Sender fault.
/// </summary>
internal static class SqsErrorCodes
{
    private static readonly Dictionary<string, string> Query = new(StringComparer.Ordinal)
    {
        ["QueueDoesNotExist"] = "AWS.SimpleQueueService.NonExistentQueue;Sender",
        ["ReceiptHandleIsInvalid"] = "ReceiptHandleIsInvalid;Sender",
        ["QueueNameExists"] = "QueueAlreadyExists;Sender",
        ["InvalidAttributeName"] = "InvalidAttributeName;Sender",
        ["InvalidAttributeValue"] = "InvalidAttributeValue;Sender",
        ["InvalidParameterValue"] = "InvalidParameterValue;Sender",
        ["InvalidMessageContents"] = "InvalidMessageContents;Sender",
        ["EmptyBatchRequest"] = "AWS.SimpleQueueService.EmptyBatchRequest;Sender",
        ["TooManyEntriesInBatchRequest"] = "AWS.SimpleQueueService.TooManyEntriesInBatchRequest;Sender",
        ["BatchEntryIdsNotDistinct"] = "AWS.SimpleQueueService.BatchEntryIdsNotDistinct;Sender",
        ["BatchRequestTooLong"] = "AWS.SimpleQueueService.BatchRequestTooLong;Sender",
        ["InvalidBatchEntryId"] = "AWS.SimpleQueueService.InvalidBatchEntryId;Sender",
        ["MessageNotInflight"] = "AWS.SimpleQueueService.MessageNotInflight;Sender",
    };

    /// <summary>The <c>x-amzn-query-error</c> value for a JSON code, when it has one.</summary>
    public static string? QueryError(string code) => Query.GetValueOrDefault(code);

    /// <summary>The query protocol's code for a JSON code.</summary>
    public static string QueryCode(string code) => Query.TryGetValue(code, out var value) ? value[..value.IndexOf(';', StringComparison.Ordinal)] : code;
}
