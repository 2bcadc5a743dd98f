using System.Globalization;
using System.Text;
using Sluice.Client.Sqs;
using Sluice.Server.Sqs;

namespace Sluice.Server.Api;

public sealed partial class QueueApi
{
    private const int MaxBatchEntries = 10;
    private const int MaxBatchBytes = 262_144;

    private async Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken)
    {
        var name = QueueName(request.QueueUrl);
        var queue = await RequireAsync(name, cancellationToken);
        var entries = Entries(request.Entries, e => e?.Id);
        var total = entries.Sum(e => Encoding.UTF8.GetByteCount(e.MessageBody ?? string.Empty));
        if (total > MaxBatchBytes)
        {
            throw new ApiException("BatchRequestTooLong", string.Create(CultureInfo.InvariantCulture, $"Batch requests cannot be longer than {MaxBatchBytes} bytes. You have sent {total} bytes."));
        }

        var successful = new List<SendMessageBatchResultEntry>();
        var failed = new List<BatchResultErrorEntry>();
        foreach (var entry in entries)
        {
            try
            {
                var sent = await SendAsync(name, queue, entry.MessageBody, entry.DelaySeconds, entry.MessageAttributes, cancellationToken);
                successful.Add(new SendMessageBatchResultEntry
                {
                    Id = entry.Id,
                    MessageId = sent.MessageId,
                    MD5OfMessageBody = sent.BodyMd5,
                    MD5OfMessageAttributes = sent.AttributesMd5,
                });
            }
            catch (ApiException e) when (e.Status < 500)
            {
                failed.Add(Failure(entry.Id, e));
            }
        }

        return new SendMessageBatchResponse { Successful = successful, Failed = failed };
    }

    private async Task<DeleteMessageBatchResponse> DeleteMessageBatchAsync(DeleteMessageBatchRequest request, CancellationToken cancellationToken)
    {
        var name = QueueName(request.QueueUrl);
        await RequireAsync(name, cancellationToken);
        var successful = new List<DeleteMessageBatchResultEntry>();
        var failed = new List<BatchResultErrorEntry>();
        foreach (var entry in Entries(request.Entries, e => e?.Id))
        {
            if (await store.DeleteMessageAsync(name, entry.ReceiptHandle, cancellationToken))
            {
                successful.Add(new DeleteMessageBatchResultEntry { Id = entry.Id });
            }
            else
            {
                failed.Add(Failure(entry.Id, BadHandle(entry.ReceiptHandle)));
            }
        }

        return new DeleteMessageBatchResponse { Successful = successful, Failed = failed };
    }

    private async Task<ChangeMessageVisibilityBatchResponse> ChangeMessageVisibilityBatchAsync(ChangeMessageVisibilityBatchRequest request, CancellationToken cancellationToken)
    {
        var name = QueueName(request.QueueUrl);
        await RequireAsync(name, cancellationToken);
        var successful = new List<ChangeMessageVisibilityBatchResultEntry>();
        var failed = new List<BatchResultErrorEntry>();
        foreach (var entry in Entries(request.Entries, e => e?.Id))
        {
            try
            {
                var seconds = Checks.Range(entry.VisibilityTimeout, "VisibilityTimeout", 0, 43_200) ?? 0;
                if (!await store.ChangeMessageVisibilityAsync(name, entry.ReceiptHandle, time.GetUtcNow() + TimeSpan.FromSeconds(seconds), cancellationToken))
                {
                    throw BadHandle(entry.ReceiptHandle);
                }

                successful.Add(new ChangeMessageVisibilityBatchResultEntry { Id = entry.Id });
            }
            catch (ApiException e) when (e.Status < 500)
            {
                failed.Add(Failure(entry.Id, e));
            }
        }

        return new ChangeMessageVisibilityBatchResponse { Successful = successful, Failed = failed };
    }

    /// <summary>The Entries of a batch request: 1 to 10, with distinct, well-formed Ids.</summary>
    private static IReadOnlyList<T> Entries<T>(IReadOnlyList<T>? entries, Func<T?, string?> idOf)
    {
        if (entries is null || entries.Count == 0)
        {
            throw new ApiException("EmptyBatchRequest", "There should be at least one SendMessageBatchRequestEntry in the request.");
        }

        if (entries.Count > MaxBatchEntries)
        {
            throw new ApiException("TooManyEntriesInBatchRequest", string.Create(CultureInfo.InvariantCulture, $"Maximum number of entries per request are {MaxBatchEntries}. You have sent {entries.Count}."));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var id = idOf(entry) ?? string.Empty;
            if (!BatchIdPattern().IsMatch(id))
            {
                throw new ApiException("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");
            }

            if (!ids.Add(id))
            {
                throw new ApiException("BatchEntryIdsNotDistinct", $"Id {id} repeated.");
            }
        }

        return entries;
    }

    /// <summary>A failed batch entry, with the query protocol's code as SQS writes it in both protocols.</summary>
    private static BatchResultErrorEntry Failure(string id, ApiException error) =>
        new() { Id = id, SenderFault = true, Code = SqsErrorCodes.QueryCode(error.Code), Message = error.Message };

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial System.Text.RegularExpressions.Regex BatchIdPattern();
}
