namespace Sluice.Client.Sqs;

/// <summary>The request of <c>GetQueueUrl</c>. The <c>GetQueueUrl</c> API returns the URL of an existing Amazon SQS queue.</summary>
public sealed record GetQueueUrlRequest
{
    /// <summary>(Required) The name of the queue for which you want to fetch the URL. The name can be up to 80 characters long and can include alphanumeric characters, hyphens (-), and underscores (_).</summary>
    public required string QueueName { get; init; }

    /// <summary>(Optional) The Amazon Web Services account ID of the account that created the queue.</summary>
    public string? QueueOwnerAWSAccountId { get; init; }
}
