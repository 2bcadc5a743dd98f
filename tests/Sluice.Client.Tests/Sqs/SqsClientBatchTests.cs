using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Client.Sqs;
using Sluice.Client.Tests.Support;

namespace Sluice.Client.Tests.Sqs;

/// <summary>The batch operations' wire shapes (the server side is tested through the real server in Sluice.Server.Tests).</summary>
public sealed class SqsClientBatchTests : IDisposable
{
    private const string QueueUrl = "http://localhost:8080/000000000000/jobs";
    private readonly RecordingHandler _handler = new();
    private readonly SqsClient _client;

    public SqsClientBatchTests() =>
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
    public async Task SendMessageBatchAsync_AttributesAndDelay_SendsBotocoreShapesAndReadsBothLists()
    {
        _handler.Ok("""{"Successful":[{"Id":"a","MessageId":"m1","MD5OfMessageBody":"x","MD5OfMessageAttributes":"y"}],"Failed":[{"Id":"b","SenderFault":true,"Code":"InvalidParameterValue","Message":"no"}]}""");

        var response = await _client.SendMessageBatchAsync(new SendMessageBatchRequest
        {
            QueueUrl = QueueUrl,
            Entries =
            [
                new() { Id = "a", MessageBody = "1", DelaySeconds = 5, MessageAttributes = new Dictionary<string, MessageAttributeValue> { ["k"] = new() { DataType = "Binary", BinaryValue = [1, 2] } } },
                new() { Id = "b", MessageBody = "2" },
            ],
        }, TestContext.Current.CancellationToken);

        _handler.Requests.Single().Header("X-Amz-Target").ShouldBe("AmazonSQS.SendMessageBatch");
        _handler.Requests.Single().BodyText.ShouldBe(
            "{\"QueueUrl\":\"" + QueueUrl + "\"," + "\"Entries\":[{\"Id\":\"a\",\"MessageBody\":\"1\",\"DelaySeconds\":5,\"MessageAttributes\":{\"k\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AQI=\"}}},{\"Id\":\"b\",\"MessageBody\":\"2\"}]}");
        response.Successful.ShouldHaveSingleItem().MD5OfMessageAttributes.ShouldBe("y");
        (response.Failed.ShouldHaveSingleItem().Code, response.Failed![0].SenderFault).ShouldBe(("InvalidParameterValue", true));
    }

    [Fact]
    public async Task DeleteMessageBatchAsync_Entries_AreSentAsTheModelNamesThem()
    {
        _handler.Ok("""{"Successful":[{"Id":"a"}],"Failed":[]}""");

        var response = await _client.DeleteMessageBatchAsync(
            new DeleteMessageBatchRequest { QueueUrl = QueueUrl, Entries = [new() { Id = "a", ReceiptHandle = "rh" }] }, TestContext.Current.CancellationToken);

        _handler.Requests.Single().BodyText.ShouldBe($$"""{"QueueUrl":"{{QueueUrl}}","Entries":[{"Id":"a","ReceiptHandle":"rh"}]}""");
        response.Successful.ShouldHaveSingleItem().Id.ShouldBe("a");
        response.Failed.ShouldBeEmpty();
    }
}
