using System.Globalization;
using Sluice.Client.Sqs;
using Sluice.Core.Steps;
using Sluice.Core.Storage;
using Sluice.Server.Sqs;

namespace Sluice.Server.Api;

/// <summary>
/// SQS over the engine's durable queues, as the JSON protocol (<c>X-Amz-Target: AmazonSQS.&lt;Operation&gt;</c>) gives
/// requests and answers; the query protocol is translated to and from it (<see cref="Sqs.SqsQuery"/>). A standard SQS
/// client can consume what Callback steps post, and use the queues for its own messages: message attributes with
/// their MD5s, the batch operations, and the queue attributes VisibilityTimeout, DelaySeconds, MessageRetentionPeriod
/// and ReceiveMessageWaitTimeSeconds honoured (the store applies delays and retention).
/// </summary>
/// <param name="store">The store holding the queues.</param>
/// <param name="time">The clock for delays, visibility timeouts and long polling.</param>
/// <param name="region">The region in queue ARNs.</param>
/// <param name="account">The account in queue ARNs and URLs.</param>
public sealed partial class QueueApi(IQueueStore store, TimeProvider time, string region, string account)
{
    /// <summary>Makes the API with the default region and account (<c>us-east-1</c>, <c>000000000000</c>).</summary>
    /// <param name="store">The store holding the queues.</param>
    /// <param name="time">The clock.</param>
    public QueueApi(IQueueStore store, TimeProvider time)
        : this(store, time, "us-east-1", "000000000000")
    {
    }

    /// <summary>
    /// The operations by name, as <c>X-Amz-Target: AmazonSQS.&lt;name&gt;</c> gives them; the base URL makes queue URLs.
    /// Each reads its request and writes its answer as the wire types of <c>Sluice.Client.Sqs</c>; the query protocol's
    /// forms reach the same handlers (<see cref="Sqs.SqsQuery"/>).
    /// </summary>
    public IReadOnlyDictionary<string, Func<ApiRequest, string, CancellationToken, Task<string>>> Operations => new Dictionary<string, Func<ApiRequest, string, CancellationToken, Task<string>>>(StringComparer.Ordinal)
    {
        ["CreateQueue"] = QueueOperation.Of(Wire.CreateQueueRequest, Wire.CreateQueueResponse, CreateQueueAsync),
        ["GetQueueUrl"] = QueueOperation.Of(Wire.GetQueueUrlRequest, Wire.GetQueueUrlResponse, GetQueueUrlAsync),
        ["ListQueues"] = QueueOperation.Of(Wire.ListQueuesRequest, Wire.ListQueuesResponse, ListQueuesAsync),
        ["DeleteQueue"] = QueueOperation.Of(Wire.DeleteQueueRequest, DeleteQueueAsync),
        ["SendMessage"] = QueueOperation.Of(Wire.SendMessageRequest, Wire.SendMessageResponse, (r, _, ct) => SendMessageAsync(r, ct)),
        ["SendMessageBatch"] = QueueOperation.Of(Wire.SendMessageBatchRequest, Wire.SendMessageBatchResponse, (r, _, ct) => SendMessageBatchAsync(r, ct)),
        ["ReceiveMessage"] = QueueOperation.Of(Wire.ReceiveMessageRequest, Wire.ReceiveMessageResponse, (r, _, ct) => ReceiveMessageAsync(r, ct)),
        ["DeleteMessage"] = QueueOperation.Of(Wire.DeleteMessageRequest, DeleteMessageAsync),
        ["DeleteMessageBatch"] = QueueOperation.Of(Wire.DeleteMessageBatchRequest, Wire.DeleteMessageBatchResponse, (r, _, ct) => DeleteMessageBatchAsync(r, ct)),
        ["ChangeMessageVisibility"] = QueueOperation.Of(Wire.ChangeMessageVisibilityRequest, ChangeMessageVisibilityAsync),
        ["ChangeMessageVisibilityBatch"] = QueueOperation.Of(Wire.ChangeMessageVisibilityBatchRequest, Wire.ChangeMessageVisibilityBatchResponse, (r, _, ct) => ChangeMessageVisibilityBatchAsync(r, ct)),
        ["GetQueueAttributes"] = QueueOperation.Of(Wire.GetQueueAttributesRequest, Wire.GetQueueAttributesResponse, (r, _, ct) => GetQueueAttributesAsync(r, ct)),
        ["SetQueueAttributes"] = QueueOperation.Of(Wire.SetQueueAttributesRequest, SetQueueAttributesAsync),
        ["PurgeQueue"] = QueueOperation.Of(Wire.PurgeQueueRequest, PurgeQueueAsync),
    };

    private static SqsJsonContext Wire => SqsJsonContext.Default;

    private async Task<CreateQueueResponse> CreateQueueAsync(CreateQueueRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = Checks.Text(request.QueueName, "QueueName", 80);
        if (!QueueNamePattern().IsMatch(name))
        {
            throw new ApiException("InvalidParameterValue", "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }

        var attributes = QueueAttributes(request.Attributes);
        var queue = await store.CreateQueueAsync(name, attributes, time.GetUtcNow(), cancellationToken);
        if (attributes.Any(a => QueueValue(queue, a.Key) != a.Value))
        {
            throw new ApiException("QueueNameExists", $"A queue already exists with the same name '{name}' and a different value for an attribute.");
        }

        return new CreateQueueResponse { QueueUrl = Url(baseUrl, name) };
    }

    private async Task<GetQueueUrlResponse> GetQueueUrlAsync(GetQueueUrlRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var name = Checks.Text(request.QueueName, "QueueName", 80);
        await RequireAsync(name, cancellationToken);
        return new GetQueueUrlResponse { QueueUrl = Url(baseUrl, name) };
    }

    private async Task<ListQueuesResponse> ListQueuesAsync(ListQueuesRequest request, string baseUrl, CancellationToken cancellationToken)
    {
        var prefix = request.QueueNamePrefix is { } given ? Checks.Text(given, "QueueNamePrefix", 80) : string.Empty;
        var names = (await store.ListQueuesAsync(cancellationToken)).Where(n => n.StartsWith(prefix, StringComparison.Ordinal));
        return new ListQueuesResponse { QueueUrls = [.. names.Select(name => Url(baseUrl, name))] };
    }

    private async Task DeleteQueueAsync(DeleteQueueRequest request, CancellationToken cancellationToken)
    {
        var name = QueueName(request.QueueUrl);
        if (!await store.DeleteQueueAsync(name, cancellationToken))
        {
            throw NoQueue(name);
        }
    }

    private async Task<GetQueueAttributesResponse> GetQueueAttributesAsync(GetQueueAttributesRequest request, CancellationToken cancellationToken)
    {
        var name = QueueName(request.QueueUrl);
        var queue = await RequireAsync(name, cancellationToken);
        var wanted = (request.AttributeNames ?? []).ToHashSet(StringComparer.Ordinal);
        var counts = await store.CountMessagesAsync(name, time.GetUtcNow(), cancellationToken);
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["QueueArn"] = $"arn:aws:sqs:{region}:{account}:{name}",
            ["ApproximateNumberOfMessages"] = Text(counts.Visible),
            ["ApproximateNumberOfMessagesNotVisible"] = Text(counts.NotVisible),
            ["ApproximateNumberOfMessagesDelayed"] = Text(counts.Delayed),
            ["CreatedTimestamp"] = queue.CreationTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["LastModifiedTimestamp"] = queue.LastModifiedTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["SqsManagedSseEnabled"] = "false",
        };
        foreach (var attribute in QueueSettings.Defaulted)
        {
            all[attribute] = QueueValue(queue, attribute);
        }

        foreach (var (attribute, value) in queue.Attributes)
        {
            all[attribute] = value;
        }

        foreach (var attribute in wanted)
        {
            if (attribute != "All" && !all.ContainsKey(attribute) && QueueSettings.Check(attribute, "0") is { } problem && problem.StartsWith("Unknown", StringComparison.Ordinal))
            {
                throw new ApiException("InvalidAttributeName", $"Unknown Attribute {(attribute.Length > 100 ? attribute[..100] : attribute)}.");
            }
        }

        if (wanted.Count == 0)
        {
            return new GetQueueAttributesResponse();
        }

        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (attribute, value) in all.Where(a => wanted.Contains("All") || wanted.Contains(a.Key)))
        {
            chosen[attribute] = value;
        }

        return new GetQueueAttributesResponse { Attributes = chosen };
    }

    private async Task SetQueueAttributesAsync(SetQueueAttributesRequest request, CancellationToken cancellationToken)
    {
        var name = QueueName(request.QueueUrl);
        await RequireAsync(name, cancellationToken);
        if (!await store.SetQueueAttributesAsync(name, QueueAttributes(request.Attributes), time.GetUtcNow(), cancellationToken))
        {
            throw NoQueue(name);
        }
    }

    private async Task PurgeQueueAsync(PurgeQueueRequest request, CancellationToken cancellationToken)
    {
        var name = QueueName(request.QueueUrl);
        await RequireAsync(name, cancellationToken);
        await store.PurgeQueueAsync(name, cancellationToken);
    }

    /// <summary>The queue attributes of CreateQueue or SetQueueAttributes, each checked.</summary>
    private static Dictionary<string, string> QueueAttributes(IReadOnlyDictionary<string, string>? map)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in map ?? new Dictionary<string, string>())
        {
            if (QueueSettings.Check(name, value) is { } problem)
            {
                throw new ApiException(problem.StartsWith("Unknown", StringComparison.Ordinal) ? "InvalidAttributeName" : "InvalidAttributeValue", problem);
            }

            attributes[name] = value;
        }

        return attributes;
    }

    private static string QueueValue(QueueRecord queue, string attribute) =>
        queue.Attributes.TryGetValue(attribute, out var value) ? value : QueueSettings.Defaulted.Contains(attribute) ? QueueSettings.DefaultOf(attribute) : string.Empty;

    private async Task<QueueRecord> RequireAsync(string name, CancellationToken cancellationToken) =>
        await store.GetQueueAsync(name, cancellationToken) ?? throw NoQueue(name);

    /// <summary>A queue URL names its queue by its last segment, whatever the host (as Callback steps read SqsQueueUrl).</summary>
    private static string QueueName(string queueUrl) => CallbackStepRunner.QueueName(Checks.Text(queueUrl, "QueueUrl", 2048));

    private string Url(string baseUrl, string name) => $"{baseUrl.TrimEnd('/')}/{account}/{name}";

    private static ApiException NoQueue(string name) =>
        new("QueueDoesNotExist", $"The specified queue '{name}' does not exist.");

    private static ApiException BadHandle(string handle) =>
        new("ReceiptHandleIsInvalid", $"The receipt handle \"{(handle.Length > 100 ? handle[..100] + "..." : handle)}\" is not valid (deleted, or superseded by a later receipt).");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9_-]{1,75}(\.fifo|[A-Za-z0-9_-]{0,5})$")]
    private static partial System.Text.RegularExpressions.Regex QueueNamePattern();
}
