using Sluice.Client.Sqs;

namespace Sluice.Client.Tests.Sqs;

/// <content>The batch operations' wire shapes (the server side is tested through the real server in Sluice.Server.Tests).</content>
public sealed partial class SqsClientTests
{
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
