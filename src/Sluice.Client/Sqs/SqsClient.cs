using System.Text.Json.Serialization.Metadata;
using Sluice.Client.Http;

namespace Sluice.Client.Sqs;

/// <summary>
/// Amazon SQS over its JSON protocol (<c>X-Amz-Target: AmazonSQS.&lt;Operation&gt;</c>, <c>application/x-amz-json-1.0</c>):
/// the queue operations <c>sluice serve</c> answers, message attributes (with their MD5s) and the batch operations included. Works against <c>sluice serve</c>'s built-in queues and against SQS.
/// Errors such as <c>com.amazonaws.sqs#QueueDoesNotExist</c> arrive as <see cref="AwsServiceException.ErrorCode"/> <c>QueueDoesNotExist</c>.
/// </summary>
public sealed class SqsClient : IDisposable
{
    private readonly bool _ownsTransport;

    /// <summary>Creates a client with its own transport.</summary>
    /// <param name="options">Endpoint, region, credentials and retries; <see langword="null"/> for the defaults.</param>
    /// <exception cref="Credentials.AwsConfigurationException">Credentials or a region are needed and cannot be found.</exception>
    public SqsClient(AwsClientOptions? options = null)
        : this(new AwsJsonClient(AwsJsonService.Sqs, options), ownsTransport: true)
    {
    }

    /// <summary>Creates a client over an existing transport, which it does not dispose.</summary>
    /// <param name="transport">A transport for <see cref="AwsJsonService.Sqs"/>.</param>
    public SqsClient(AwsJsonClient transport)
        : this(transport, ownsTransport: false)
    {
    }

    private SqsClient(AwsJsonClient transport, bool ownsTransport)
    {
        if (transport.Service.TargetPrefix != AwsJsonService.Sqs.TargetPrefix)
        {
            throw new ArgumentException($"The transport speaks to {transport.Service.TargetPrefix}, not AmazonSQS.", nameof(transport));
        }

        Transport = transport;
        _ownsTransport = ownsTransport;
    }

    /// <summary>The transport, for operations this client does not type.</summary>
    public AwsJsonClient Transport { get; }

    /// <summary>Creates a queue, or returns the URL of the existing one with that name (<c>CreateQueue</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, with the queue URL.</returns>
    /// <exception cref="AwsServiceException">The service refused.</exception>
    public Task<CreateQueueResponse> CreateQueueAsync(CreateQueueRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("CreateQueue", request, SqsJsonContext.Default.CreateQueueRequest, SqsJsonContext.Default.CreateQueueResponse, cancellationToken);

    /// <summary>Finds a queue's URL by name (<c>GetQueueUrl</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, with the queue URL.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>QueueDoesNotExist</c>.</exception>
    public Task<GetQueueUrlResponse> GetQueueUrlAsync(GetQueueUrlRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("GetQueueUrl", request, SqsJsonContext.Default.GetQueueUrlRequest, SqsJsonContext.Default.GetQueueUrlResponse, cancellationToken);

    /// <summary>Lists queue URLs, optionally by name prefix (<c>ListQueues</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page of queue URLs.</returns>
    /// <exception cref="AwsServiceException">The service refused.</exception>
    public Task<ListQueuesResponse> ListQueuesAsync(ListQueuesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("ListQueues", request, SqsJsonContext.Default.ListQueuesRequest, SqsJsonContext.Default.ListQueuesResponse, cancellationToken);

    /// <summary>Deletes a queue (<c>DeleteQueue</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the queue is deleted.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>QueueDoesNotExist</c>.</exception>
    public Task DeleteQueueAsync(DeleteQueueRequest request, CancellationToken cancellationToken = default) =>
        Transport.InvokeAsync("DeleteQueue", request, SqsJsonContext.Default.DeleteQueueRequest, cancellationToken);

    /// <summary>Sends a message (<c>SendMessage</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, with the message id and body digest.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>QueueDoesNotExist</c>.</exception>
    public Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("SendMessage", request, SqsJsonContext.Default.SendMessageRequest, SqsJsonContext.Default.SendMessageResponse, cancellationToken);

    /// <summary>Sends up to ten messages at once (<c>SendMessageBatch</c>); each entry succeeds or fails on its own.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries sent (ids and digests) and those that failed (code and message).</returns>
    /// <exception cref="AwsServiceException">The whole batch was refused, e.g. <c>QueueDoesNotExist</c>, <c>TooManyEntriesInBatchRequest</c>.</exception>
    public Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("SendMessageBatch", request, SqsJsonContext.Default.SendMessageBatchRequest, SqsJsonContext.Default.SendMessageBatchResponse, cancellationToken);

    /// <summary>Receives up to <c>MaxNumberOfMessages</c> messages, long-polling up to <c>WaitTimeSeconds</c> (<c>ReceiveMessage</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The messages; <c>Messages</c> is empty or absent when none arrived.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>QueueDoesNotExist</c>.</exception>
    public Task<ReceiveMessageResponse> ReceiveMessageAsync(ReceiveMessageRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("ReceiveMessage", request, SqsJsonContext.Default.ReceiveMessageRequest, SqsJsonContext.Default.ReceiveMessageResponse, cancellationToken);

    /// <summary>Deletes a received message by its receipt handle (<c>DeleteMessage</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the message is deleted.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ReceiptHandleIsInvalid</c>.</exception>
    public Task DeleteMessageAsync(DeleteMessageRequest request, CancellationToken cancellationToken = default) =>
        Transport.InvokeAsync("DeleteMessage", request, SqsJsonContext.Default.DeleteMessageRequest, cancellationToken);

    /// <summary>Deletes up to ten received messages at once (<c>DeleteMessageBatch</c>); each entry succeeds or fails on its own.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries deleted and those that failed (e.g. <c>ReceiptHandleIsInvalid</c>).</returns>
    /// <exception cref="AwsServiceException">The whole batch was refused, e.g. <c>QueueDoesNotExist</c>, <c>BatchEntryIdsNotDistinct</c>.</exception>
    public Task<DeleteMessageBatchResponse> DeleteMessageBatchAsync(DeleteMessageBatchRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("DeleteMessageBatch", request, SqsJsonContext.Default.DeleteMessageBatchRequest, SqsJsonContext.Default.DeleteMessageBatchResponse, cancellationToken);

    /// <summary>Changes how long a received message stays invisible (<c>ChangeMessageVisibility</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the change is made.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ReceiptHandleIsInvalid</c>.</exception>
    public Task ChangeMessageVisibilityAsync(ChangeMessageVisibilityRequest request, CancellationToken cancellationToken = default) =>
        Transport.InvokeAsync("ChangeMessageVisibility", request, SqsJsonContext.Default.ChangeMessageVisibilityRequest, cancellationToken);

    /// <summary>Changes the visibility timeout of up to ten received messages at once (<c>ChangeMessageVisibilityBatch</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries changed and those that failed (e.g. <c>ReceiptHandleIsInvalid</c>).</returns>
    /// <exception cref="AwsServiceException">The whole batch was refused, e.g. <c>QueueDoesNotExist</c>, <c>EmptyBatchRequest</c>.</exception>
    public Task<ChangeMessageVisibilityBatchResponse> ChangeMessageVisibilityBatchAsync(ChangeMessageVisibilityBatchRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("ChangeMessageVisibilityBatch", request, SqsJsonContext.Default.ChangeMessageVisibilityBatchRequest, SqsJsonContext.Default.ChangeMessageVisibilityBatchResponse, cancellationToken);

    /// <summary>Sets queue attributes such as <c>VisibilityTimeout</c> or <c>DelaySeconds</c> (<c>SetQueueAttributes</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the attributes are set.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>InvalidAttributeName</c>, <c>InvalidAttributeValue</c>.</exception>
    public Task SetQueueAttributesAsync(SetQueueAttributesRequest request, CancellationToken cancellationToken = default) =>
        Transport.InvokeAsync("SetQueueAttributes", request, SqsJsonContext.Default.SetQueueAttributesRequest, cancellationToken);

    /// <summary>Reads a queue's attributes, e.g. <c>ApproximateNumberOfMessages</c> (<c>GetQueueAttributes</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The attributes.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>QueueDoesNotExist</c>.</exception>
    public Task<GetQueueAttributesResponse> GetQueueAttributesAsync(GetQueueAttributesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("GetQueueAttributes", request, SqsJsonContext.Default.GetQueueAttributesRequest, SqsJsonContext.Default.GetQueueAttributesResponse, cancellationToken);

    /// <summary>Deletes every message in a queue (<c>PurgeQueue</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the queue is purged.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>QueueDoesNotExist</c>.</exception>
    public Task PurgeQueueAsync(PurgeQueueRequest request, CancellationToken cancellationToken = default) =>
        Transport.InvokeAsync("PurgeQueue", request, SqsJsonContext.Default.PurgeQueueRequest, cancellationToken);

    /// <summary>Disposes the transport when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsTransport)
        {
            Transport.Dispose();
        }
    }

    private Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken) =>
        Transport.InvokeAsync(operation, request, requestType, responseType, cancellationToken);
}
