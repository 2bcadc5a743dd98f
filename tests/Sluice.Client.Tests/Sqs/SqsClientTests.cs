using System.Net;
using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Client.Sqs;
using Sluice.Client.Tests.Support;

namespace Sluice.Client.Tests.Sqs;

public sealed partial class SqsClientTests : IDisposable
{
    private const string QueueUrl = "http://localhost:8080/000000000000/batch-jobs";
    private readonly RecordingHandler _handler = new();
    private readonly SqsClient _client;

    public SqsClientTests() =>
        _client = new SqsClient(new AwsClientOptions
        {
            Endpoint = new Uri("http://localhost:8080"),
            Region = "us-east-1",
            Credentials = new AwsCredentials("test", "test"),
            HttpClient = _handler.Client(),
            RetryDelay = _ => TimeSpan.Zero,
        });

    public void Dispose()
    {
        _client.Dispose();
        _handler.Dispose();
    }

    [Fact]
    public async Task CreateQueueAsync_Tags_AreSentLowerCaseAsTheModelNamesThem()
    {
        _handler.Ok($$"""{"QueueUrl":"{{QueueUrl}}"}""");

        var response = await _client.CreateQueueAsync(
            new CreateQueueRequest { QueueName = "batch-jobs", Attributes = new Dictionary<string, string> { ["VisibilityTimeout"] = "60" }, Tags = new Dictionary<string, string> { ["team"] = "ml" } },
            TestContext.Current.CancellationToken);

        response.QueueUrl.ShouldBe(QueueUrl);
        var request = _handler.Requests.Single();
        request.Header("X-Amz-Target").ShouldBe("AmazonSQS.CreateQueue");
        request.Header("Content-Type").ShouldBe("application/x-amz-json-1.0");
        request.BodyText.ShouldBe("""{"QueueName":"batch-jobs","Attributes":{"VisibilityTimeout":"60"},"tags":{"team":"ml"}}""");
    }

    [Fact]
    public async Task ReceiveMessageAsync_LongPoll_SendsTheOptionsAndReadsMessages()
    {
        _handler.Ok("""
            {"Messages":[{"MessageId":"m1","ReceiptHandle":"rh1","MD5OfBody":"abc","Body":"{\"token\":\"aB3dE5gH7j\"}",
                          "Attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1700000000000"}}]}
            """);

        var response = await _client.ReceiveMessageAsync(
            new ReceiveMessageRequest { QueueUrl = QueueUrl, MaxNumberOfMessages = 1, VisibilityTimeout = 30, WaitTimeSeconds = 10 },
            TestContext.Current.CancellationToken);

        var message = response.Messages.ShouldHaveSingleItem();
        message.Body.ShouldBe("""{"token":"aB3dE5gH7j"}""");
        message.ReceiptHandle.ShouldBe("rh1");
        message.Attributes!["ApproximateReceiveCount"].ShouldBe("1");
        _handler.Requests.Single().BodyText.ShouldBe($$"""{"QueueUrl":"{{QueueUrl}}","MaxNumberOfMessages":1,"VisibilityTimeout":30,"WaitTimeSeconds":10}""");
    }

    [Fact]
    public async Task ReceiveMessageAsync_EmptyQueue_GivesNoMessages()
    {
        _handler.Ok("{}");

        var response = await _client.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = QueueUrl }, TestContext.Current.CancellationToken);

        response.Messages.ShouldBeNull();
    }

    [Fact]
    public async Task GetQueueUrlAsync_UnknownQueue_ThrowsQueueDoesNotExist()
    {
        _handler.Respond(
            HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.sqs#QueueDoesNotExist","Message":"The specified queue 'nope' does not exist."}""",
            ("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender"));

        var error = await Should.ThrowAsync<AwsServiceException>(() => _client.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = "nope" }, TestContext.Current.CancellationToken));

        error.ErrorCode.ShouldBe("QueueDoesNotExist");
        error.QueryErrorCode.ShouldBe("AWS.SimpleQueueService.NonExistentQueue");
        _handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendMessageAsync_Body_ReadsIdAndDigest()
    {
        _handler.Ok("""{"MessageId":"m1","MD5OfMessageBody":"900150983cd24fb0d6963f7d28e17f72"}""");

        var response = await _client.SendMessageAsync(new SendMessageRequest { QueueUrl = QueueUrl, MessageBody = "abc", DelaySeconds = 0 }, TestContext.Current.CancellationToken);

        response.MessageId.ShouldBe("m1");
        response.MD5OfMessageBody.ShouldBe("900150983cd24fb0d6963f7d28e17f72");
        _handler.Requests.Single().BodyText.ShouldBe($$"""{"QueueUrl":"{{QueueUrl}}","MessageBody":"abc","DelaySeconds":0}""");
    }

    [Fact]
    public async Task GetQueueAttributesAsync_All_ReadsTheMap()
    {
        _handler.Ok("""{"Attributes":{"ApproximateNumberOfMessagesNotVisible":"1","QueueArn":"arn:aws:sqs:us-east-1:000000000000:batch-jobs"}}""");

        var response = await _client.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = QueueUrl, AttributeNames = ["All"] }, TestContext.Current.CancellationToken);

        response.Attributes!["ApproximateNumberOfMessagesNotVisible"].ShouldBe("1");
    }

    [Fact]
    public async Task ListQueuesAsync_Prefix_ReadsUrls()
    {
        _handler.Ok($$"""{"QueueUrls":["{{QueueUrl}}"]}""");

        var response = await _client.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = "batch" }, TestContext.Current.CancellationToken);

        response.QueueUrls.ShouldBe([QueueUrl]);
    }

    [Fact]
    public async Task OperationsWithoutOutput_EmptyAnswers_CompleteWithTheirTargets()
    {
        _handler.Ok("{}");
        var ct = TestContext.Current.CancellationToken;

        await _client.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = QueueUrl, ReceiptHandle = "rh1" }, ct);
        await _client.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest { QueueUrl = QueueUrl, ReceiptHandle = "rh1", VisibilityTimeout = 0 }, ct);
        await _client.PurgeQueueAsync(new PurgeQueueRequest { QueueUrl = QueueUrl }, ct);
        await _client.DeleteQueueAsync(new DeleteQueueRequest { QueueUrl = QueueUrl }, ct);

        _handler.Requests.Select(r => r.Header("X-Amz-Target")).ShouldBe(
            ["AmazonSQS.DeleteMessage", "AmazonSQS.ChangeMessageVisibility", "AmazonSQS.PurgeQueue", "AmazonSQS.DeleteQueue"]);
        _handler.Requests[1].BodyText.ShouldBe($$"""{"QueueUrl":"{{QueueUrl}}","ReceiptHandle":"rh1","VisibilityTimeout":0}""");
    }
}
