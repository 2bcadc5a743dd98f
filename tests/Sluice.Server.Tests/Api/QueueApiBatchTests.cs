using Sluice.Client.Http;
using Sluice.Client.Sqs;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.Api;

/// <summary>Message attributes, the batch operations, delays and queue attributes, through the C# SQS client and the real server.</summary>
public sealed class QueueApiBatchTests
{
    /// <summary>SQS's documented digest of <c>PostalCode = ABC123</c> (String).</summary>
    private const string PostalCodeMd5 = "b8e89563a83b6381835710c1e088e74f";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, MessageAttributeValue> PostalCode => new() { ["PostalCode"] = new MessageAttributeValue { DataType = "String", StringValue = "ABC123" } };

    [Fact]
    public async Task SendMessageBatchAsync_GoodAndBadEntries_SendsTheGoodWithDigestsAndReportsTheBad()
    {
        await using var server = await ServerHarness.StartAsync();
        var sqs = server.Sqs();
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "batch" }, Ct)).QueueUrl!;

        var sent = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
        {
            QueueUrl = url,
            Entries =
            [
                new SendMessageBatchRequestEntry { Id = "good", MessageBody = "hello", MessageAttributes = PostalCode },
                new SendMessageBatchRequestEntry
                {
                    Id = "bad", MessageBody = "x",
                    MessageAttributes = new Dictionary<string, MessageAttributeValue> { ["n"] = new() { DataType = "Number", StringValue = "ten" } },
                },
                new SendMessageBatchRequestEntry { Id = "later", MessageBody = "delayed", DelaySeconds = 900 },
            ],
        }, Ct);
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, MessageAttributeNames = ["All"] }, Ct);
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = [QueueAttributeNames.ApproximateNumberOfMessagesDelayed] }, Ct);

        var good = sent.Successful!.Single(e => e.Id == "good");
        good.MD5OfMessageBody.ShouldBe("5d41402abc4b2a76b9719d911017c592"); // MD5("hello")
        good.MD5OfMessageAttributes.ShouldBe(PostalCodeMd5);
        sent.Successful!.Select(e => e.Id).ShouldBe(["good", "later"]);
        var failed = sent.Failed.ShouldHaveSingleItem();
        (failed.Id, failed.SenderFault, failed.Code).ShouldBe(("bad", true, "InvalidParameterValue"));
        failed.Message.ShouldNotBeNull().ShouldContain("n.StringValue");
        var message = received.Messages.ShouldHaveSingleItem();
        (message.MessageId, message.Body, message.MD5OfMessageAttributes).ShouldBe((good.MessageId, "hello", PostalCodeMd5));
        message.MessageAttributes!["PostalCode"].ShouldBe(PostalCode["PostalCode"] with { });
        attributes.Attributes![QueueAttributeNames.ApproximateNumberOfMessagesDelayed].ShouldBe("1");
    }

    [Fact]
    public async Task SendMessageAsync_BinaryAttribute_ComesBackWithTheSameBytesAndDigest()
    {
        await using var server = await ServerHarness.StartAsync();
        var sqs = server.Sqs();
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "binary" }, Ct)).QueueUrl!;
        var blob = new Dictionary<string, MessageAttributeValue> { ["blob"] = new() { DataType = "Binary", BinaryValue = [0, 1, 2, 255] } };

        var sent = await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "b", MessageAttributes = blob }, Ct);
        var message = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MessageAttributeNames = ["blob"] }, Ct)).Messages.ShouldHaveSingleItem();

        message.MD5OfMessageAttributes.ShouldBe(sent.MD5OfMessageAttributes.ShouldNotBeNull());
        message.MessageAttributes!["blob"].BinaryValue.ShouldBe(new byte[] { 0, 1, 2, 255 });
        message.MessageAttributes["blob"].DataType.ShouldBe("Binary");
    }

    [Fact]
    public async Task DeleteAndChangeVisibilityBatches_OneGoodOneStaleHandle_ReportEachEntry()
    {
        await using var server = await ServerHarness.StartAsync();
        var sqs = server.Sqs();
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "handles" }, Ct)).QueueUrl!;
        await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
        {
            QueueUrl = url,
            Entries = [new() { Id = "a", MessageBody = "first" }, new() { Id = "b", MessageBody = "second" }],
        }, Ct);
        var received = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, VisibilityTimeout = 600 }, Ct)).Messages!;
        received.Count.ShouldBe(2);

        var changed = await sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest
        {
            QueueUrl = url,
            Entries = [new() { Id = "again", ReceiptHandle = received[0].ReceiptHandle!, VisibilityTimeout = 0 }, new() { Id = "stale", ReceiptHandle = "nope" }],
        }, Ct);
        var redelivered = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10 }, Ct)).Messages.ShouldHaveSingleItem();
        var deleted = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
        {
            QueueUrl = url,
            Entries = [new() { Id = "x", ReceiptHandle = redelivered.ReceiptHandle! }, new() { Id = "y", ReceiptHandle = received[0].ReceiptHandle! }],
        }, Ct);

        changed.Successful!.Select(e => e.Id).ShouldBe(["again"]);
        (changed.Failed.ShouldHaveSingleItem().Id, changed.Failed![0].Code).ShouldBe(("stale", "ReceiptHandleIsInvalid"));
        redelivered.MessageId.ShouldBe(received[0].MessageId);
        deleted.Successful!.Select(e => e.Id).ShouldBe(["x"]);
        (deleted.Failed.ShouldHaveSingleItem().Id, deleted.Failed![0].Code).ShouldBe(("y", "ReceiptHandleIsInvalid")); // superseded by the redelivery
    }

    [Fact]
    public async Task Batches_EmptyOrRepeatedIds_RefuseTheWholeBatchWithSqsCodes()
    {
        await using var server = await ServerHarness.StartAsync();
        var sqs = server.Sqs();
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "refusals" }, Ct)).QueueUrl!;

        var empty = await Should.ThrowAsync<AwsServiceException>(() => sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest { QueueUrl = url, Entries = [] }, Ct));
        var repeated = await Should.ThrowAsync<AwsServiceException>(() => sqs.SendMessageBatchAsync(
            new SendMessageBatchRequest { QueueUrl = url, Entries = [new() { Id = "a", MessageBody = "1" }, new() { Id = "a", MessageBody = "2" }] }, Ct));
        var tooMany = await Should.ThrowAsync<AwsServiceException>(() => sqs.ChangeMessageVisibilityBatchAsync(
            new ChangeMessageVisibilityBatchRequest { QueueUrl = url, Entries = [.. Enumerable.Range(0, 11).Select(i => new ChangeMessageVisibilityBatchRequestEntry { Id = $"e{i}", ReceiptHandle = "h" })] }, Ct));

        (empty.ErrorCode, empty.QueryErrorCode).ShouldBe(("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest"));
        repeated.ErrorCode.ShouldBe("BatchEntryIdsNotDistinct");
        tooMany.ErrorCode.ShouldBe("TooManyEntriesInBatchRequest");
    }

    [Fact]
    public async Task SetQueueAttributesAsync_DelayAndUnknownName_SetsOrRefusesAsSqs()
    {
        await using var server = await ServerHarness.StartAsync();
        var sqs = server.Sqs();
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "settings" }, Ct)).QueueUrl!;

        await sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest { QueueUrl = url, Attributes = new Dictionary<string, string> { [QueueAttributeNames.DelaySeconds] = "120" } }, Ct);
        await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "waits" }, Ct);
        var unknown = await Should.ThrowAsync<AwsServiceException>(() => sqs.SetQueueAttributesAsync(
            new SetQueueAttributesRequest { QueueUrl = url, Attributes = new Dictionary<string, string> { ["Colour"] = "red" } }, Ct));
        var outOfRange = await Should.ThrowAsync<AwsServiceException>(() => sqs.SetQueueAttributesAsync(
            new SetQueueAttributesRequest { QueueUrl = url, Attributes = new Dictionary<string, string> { [QueueAttributeNames.VisibilityTimeout] = "99999" } }, Ct));
        var attributes = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = [QueueAttributeNames.All] }, Ct)).Attributes!;
        var none = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url }, Ct);

        attributes[QueueAttributeNames.DelaySeconds].ShouldBe("120");
        attributes[QueueAttributeNames.ApproximateNumberOfMessagesDelayed].ShouldBe("1");
        (none.Messages ?? []).ShouldBeEmpty();
        unknown.ErrorCode.ShouldBe("InvalidAttributeName");
        outOfRange.ErrorCode.ShouldBe("InvalidAttributeValue");
    }
}
