using System.Text.Json.Serialization;

namespace Sluice.Client.Sqs;

/// <summary>Source-generated JSON for the SQS wire types (JSON protocol 1.0): members named as botocore names them, nulls omitted.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateQueueRequest))]
[JsonSerializable(typeof(CreateQueueResponse))]
[JsonSerializable(typeof(GetQueueUrlRequest))]
[JsonSerializable(typeof(GetQueueUrlResponse))]
[JsonSerializable(typeof(ListQueuesRequest))]
[JsonSerializable(typeof(ListQueuesResponse))]
[JsonSerializable(typeof(DeleteQueueRequest))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(ReceiveMessageRequest))]
[JsonSerializable(typeof(ReceiveMessageResponse))]
[JsonSerializable(typeof(DeleteMessageRequest))]
[JsonSerializable(typeof(ChangeMessageVisibilityRequest))]
[JsonSerializable(typeof(GetQueueAttributesRequest))]
[JsonSerializable(typeof(GetQueueAttributesResponse))]
[JsonSerializable(typeof(PurgeQueueRequest))]
internal sealed partial class SqsJsonContext : JsonSerializerContext;
