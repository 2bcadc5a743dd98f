using System.Text.Json;
using Sluice.Core.Storage;

namespace Sluice.Core.Steps;

/// <summary>
/// Runs a Callback step: issues a token, posts <c>{"token", "pipelineExecutionArn", "arguments"}</c> on the queue
/// named by the last segment of SqsQueueUrl, and waits until SendPipelineExecutionStepSuccess or Failure answers the
/// token (from this process or another sharing the data directory). Stopping posts the message again with
/// <c>"status": "Stopping"</c> and keeps waiting for the answer, as SageMaker does.
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

        var stoppingSent = false;
        while (true)
        {
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

            await Task.Delay(context.Options.CallbackPollInterval, context.Time, cancellationToken);
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
