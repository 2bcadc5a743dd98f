using System.Text.Json;
using Sluice.Core.Execution;
using Sluice.Core.Storage;

namespace Sluice.Core.Steps;

/// <summary>
/// Runs a Callback step: issues a token, posts <c>{"token", "pipelineExecutionArn", "arguments"}</c> on the queue
/// named by the last segment of SqsQueueUrl, and waits until SendPipelineExecutionStepSuccess or Failure answers the
/// token (from this process or another sharing the store). The wait costs nothing: the answer wakes the step
/// (<see cref="StepRunContext.CallbackWakeups"/>), which then reads the token from the store; a safety re-check every
/// <see cref="EngineOptions.CallbackPollInterval"/> covers a lost wake-up. The step waits for as long as it takes, as
/// on SageMaker. Stopping posts the message again with <c>"status": "Stopping"</c> and keeps waiting for the answer.
/// </summary>
public sealed class CallbackStepRunner : IStepRunner
{
    /// <inheritdoc />
    public bool UsesJobSlot => false;

    /// <summary>The queue a Callback step posts to: the last path segment of its SqsQueueUrl, whatever the URL's form.</summary>
    /// <param name="sqsQueueUrl">The URL, e.g. <c>https://sqs.us-east-1.amazonaws.com/111122223333/my-queue</c>.</param>
    /// <returns>The queue name.</returns>
    public static string QueueName(string sqsQueueUrl)
    {
        var trimmed = sqsQueueUrl.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    /// <inheritdoc />
    public async Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken)
    {
        var queueUrl = context.Step.SqsQueueUrl ?? string.Empty;
        var queue = QueueName(queueUrl);
        var arguments = context.Arguments.ValueKind == JsonValueKind.Undefined ? "{}" : context.Arguments.GetRawText();
        var token = context.JobState;
        if (token is null)
        {
            token = Arns.NewCallbackToken();
            var now = context.Time.GetUtcNow();
            await context.Callbacks.CreateCallbackAsync(
                new CallbackRecord(token, context.Execution.Arn, context.Step.Name, CallbackStatus.Pending, null, null, now), cancellationToken);
            await context.SaveJobStateAsync(token, cancellationToken);
            await context.PublishMetadataAsync(
                Json.Parse("{\"Callback\": {\"CallbackToken\": " + Json.Quote(token) + ", \"SqsQueueUrl\": " + Json.Quote(queueUrl) + ", \"OutputParameters\": []}}"),
                cancellationToken);
            await context.Queues.SendMessageAsync(queue, Message(token, context.Execution.Arn, arguments, null), now, cancellationToken);
        }

        // Registered before the first read, and armed before every read: an answer that lands between a read and the
        // wait has already woken the waiter. A stop wakes it too (to post the Stopping message at once).
        using var waiter = context.CallbackWakeups?.Register(token, context.Execution.Arn);
        using var onStop = waiter is null ? default : context.StopRequested.Register(waiter.Signal);
        var stoppingSent = false;
        while (true)
        {
            var woken = waiter?.Arm();
            var callback = await context.Callbacks.GetCallbackAsync(token, cancellationToken);
            if (callback is { Status: not CallbackStatus.Pending })
            {
                return Finish(context, callback, queueUrl);
            }

            if (context.StopRequested.IsCancellationRequested && !stoppingSent)
            {
                await context.Queues.SendMessageAsync(queue, Message(token, context.Execution.Arn, arguments, "Stopping"), context.Time.GetUtcNow(), cancellationToken);
                stoppingSent = true;
            }

            await WaitAsync(woken, context, cancellationToken);
        }
    }

    /// <summary>Waits until woken or, should a wake-up have been lost, until the safety re-check is due.</summary>
    private static async Task WaitAsync(Task? woken, StepRunContext context, CancellationToken cancellationToken)
    {
        if (woken is null)
        {
            await Task.Delay(context.Options.CallbackPollInterval, context.Time, cancellationToken);
            return;
        }

        try
        {
            await woken.WaitAsync(context.Options.CallbackPollInterval, context.Time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // nothing woke the step: read the token again anyway
        }
    }

    private static StepResult Finish(StepRunContext context, CallbackRecord callback, string queueUrl)
    {
        var metadata = (string outputs) => Json.Parse(
            "{\"Callback\": {\"CallbackToken\": " + Json.Quote(callback.Token) + ", \"SqsQueueUrl\": " + Json.Quote(queueUrl)
            + ", \"OutputParameters\": " + outputs + "}}");
        if (callback.Status == CallbackStatus.Failed)
        {
            var reason = string.IsNullOrEmpty(callback.FailureReason) ? "the callback reported a failure" : callback.FailureReason;
            return context.StopRequested.IsCancellationRequested
                ? new StepResult.Stopped { Metadata = metadata("[]") }
                : new StepResult.Failed(reason, null) { Metadata = metadata("[]") };
        }

        var returned = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (callback.OutputParametersJson is { } json)
        {
            foreach (var item in Json.Parse(json).EnumerateArray())
            {
                returned[item.GetProperty("Name").GetString()!] = item.GetProperty("Value");
            }
        }

        var (properties, list, problem) = OutputParameters.Convert(context.Step.OutputParameters, returned, "the callback");
        if (problem is not null)
        {
            return new StepResult.Failed(problem, null) { Metadata = metadata("[]") };
        }

        return context.StopRequested.IsCancellationRequested
            ? new StepResult.Stopped { Metadata = metadata(list.GetRawText()) }
            : new StepResult.Succeeded(properties) { Metadata = metadata(list.GetRawText()) };
    }

    private static string Message(string token, string executionArn, string arguments, string? status) => status is null
        ? $$"""{"token": {{Json.Quote(token)}}, "pipelineExecutionArn": {{Json.Quote(executionArn)}}, "arguments": {{arguments}}}"""
        : $$"""{"token": {{Json.Quote(token)}}, "pipelineExecutionArn": {{Json.Quote(executionArn)}}, "arguments": {{arguments}}, "status": {{Json.Quote(status)}}}""";
}
