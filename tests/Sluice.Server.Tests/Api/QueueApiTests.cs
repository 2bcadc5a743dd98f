using System.Text.Json;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.Sqs;
using Sluice.Server.Tests.Support;
using static Sluice.Server.Tests.Support.TestPipelines;

namespace Sluice.Server.Tests.Api;

/// <summary>The SQS-compatible callback queues, through the C# SQS client.</summary>
public sealed class QueueApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallbackStep_ConsumerAsInSeed001_ReceivesTheTokenAndCompletesTheStep()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        var sqs = server.Sqs();
        await CreateAsync(sm, "demo", CallbackThenCondition);
        var arn = (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "demo" }, Ct)).PipelineExecutionArn!;
        var queueUrl = (await sqs.GetQueueUrlWhenCreatedAsync("approvals")).QueueUrl!;

        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 10, MaxNumberOfMessages = 1 }, Ct);
        var message = received.Messages!.Single();
        using var body = JsonDocument.Parse(message.Body!);
        await sm.SendPipelineExecutionStepSuccessAsync(new SendPipelineExecutionStepSuccessRequest
        {
            CallbackToken = body.RootElement.GetProperty("token").GetString()!,
            OutputParameters = [new OutputParameter("score", "8")],
        }, Ct);
        await sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = queueUrl, ReceiptHandle = message.ReceiptHandle! }, Ct);

        body.RootElement.GetProperty("pipelineExecutionArn").GetString().ShouldBe(arn);
        body.RootElement.GetProperty("arguments").GetProperty("threshold").GetInt32().ShouldBe(5);
        (await WaitAsync(sm, arn)).PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Succeeded);
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["All"] }, Ct);
        attributes.Attributes!["ApproximateNumberOfMessages"].ShouldBe("0");
        attributes.Attributes["QueueArn"].ShouldEndWith(":approvals");
    }

    [Fact]
    public async Task ReceiveMessage_VisibilityTimeoutZeroAfterChange_RedeliversTheMessage()
    {
        await using var server = await ServerHarness.StartAsync();
        var sqs = server.Sqs();
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "work" }, Ct)).QueueUrl!;
        await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "hello" }, Ct);

        var first = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, VisibilityTimeout = 60 }, Ct)).Messages!.Single();
        var hidden = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url }, Ct);
        await sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest { QueueUrl = url, ReceiptHandle = first.ReceiptHandle!, VisibilityTimeout = 0 }, Ct);
        var again = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url }, Ct)).Messages!.Single();

        (hidden.Messages ?? []).ShouldBeEmpty();
        (again.MessageId, again.Body).ShouldBe((first.MessageId, "hello"));
    }

    [Fact]
    public async Task QueueOperations_UnknownQueueOrHandle_AnswerSqsErrors()
    {
        await using var server = await ServerHarness.StartAsync();
        var sqs = server.Sqs();
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "known" }, Ct)).QueueUrl!;

        var missing = await Should.ThrowAsync<AwsServiceException>(() => sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = "unknown" }, Ct));
        var badHandle = await Should.ThrowAsync<AwsServiceException>(() => sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = url, ReceiptHandle = "nope" }, Ct));
        await sqs.PurgeQueueAsync(new PurgeQueueRequest { QueueUrl = url }, Ct);
        await sqs.DeleteQueueAsync(new DeleteQueueRequest { QueueUrl = url }, Ct);
        var listed = await sqs.ListQueuesAsync(new ListQueuesRequest(), Ct);

        (missing.ErrorCode, missing.QueryErrorCode).ShouldBe(("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"));
        badHandle.ErrorCode.ShouldBe("ReceiptHandleIsInvalid");
        (listed.QueueUrls ?? []).ShouldBeEmpty();
    }
}

/// <summary>Waiting for a Callback step's queue, which the step creates when it runs.</summary>
internal static class SqsClientWaits
{
    public static async Task<GetQueueUrlResponse> GetQueueUrlWhenCreatedAsync(this SqsClient sqs, string name)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name }, TestContext.Current.CancellationToken);
            }
            catch (AwsServiceException e) when (e.ErrorCode == "QueueDoesNotExist" && i < 500)
            {
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }
        }
    }
}
