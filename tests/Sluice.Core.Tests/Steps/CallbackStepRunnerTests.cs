using System.Text.Json.Nodes;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;
using Sluice.Core.Tests.Support;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Steps;

/// <summary>
/// A waiting Callback step is woken by its answer, not by a clock: the fake clock never moves in these tests unless a
/// test says so, and the safety re-check is an hour away.
/// </summary>
public sealed class CallbackStepRunnerTests
{
    private static readonly TimeSpan Recheck = TimeSpan.FromHours(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_AnswerThroughTheEngine_WakesTheStepWithoutTheClockMoving()
    {
        await using var harness = await EngineHarness.CreateAsync(callbackPollInterval: Recheck);
        var before = harness.Time.GetUtcNow();
        var execution = await harness.StartAsync(Definition(Callback("Cb", outputs: [("n", "Integer")])));
        var token = await TokenAsync(harness);

        await harness.Engine.SendStepSuccessAsync(token, [new ParameterValue("n", "3")], Ct);

        var final = await EndedAsync(harness.Store, execution.Arn);
        final.Status.ShouldBe(ExecutionStatus.Succeeded);
        (await harness.StepsAsync(execution.Arn)).Single().PropertiesJson.ShouldBe("""{"OutputParameters": {"n": 3}}""");
        harness.Time.GetUtcNow().ShouldBe(before);
    }

    [Fact]
    public async Task RunAsync_FailureAnswer_WakesTheStepWithoutTheClockMoving()
    {
        await using var harness = await EngineHarness.CreateAsync(callbackPollInterval: Recheck);
        var execution = await harness.StartAsync(Definition(Callback("Cb")));
        var token = await TokenAsync(harness);

        await harness.Engine.SendStepFailureAsync(token, "no", Ct);

        (await EndedAsync(harness.Store, execution.Arn)).FailureReason.ShouldBe("Step 'Cb' failed: no");
    }

    [Fact]
    public async Task RunAsync_AnswerWrittenWithoutAWakeUp_IsFoundAtTheSafetyRecheck()
    {
        await using var harness = await EngineHarness.CreateAsync(callbackPollInterval: Recheck);
        var execution = await harness.StartAsync(Definition(Callback("Cb")));
        var token = await TokenAsync(harness);

        // Straight into the store: nothing tells the waiting step, as when a wake-up is lost.
        (await harness.Store.CompleteCallbackAsync(token, CallbackStatus.Succeeded, "[]", null, Ct)).ShouldNotBeNull();
        await Task.Delay(300, Ct);
        (await harness.Store.GetExecutionAsync(execution.Arn, Ct))!.Status.ShouldBe(ExecutionStatus.Executing);
        harness.Time.Advance(Recheck);

        (await EndedAsync(harness.Store, execution.Arn)).Status.ShouldBe(ExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task RunAsync_AnswerFromAnotherProcessOnTheDataDirectory_WakesTheStepThroughTheWakeFile()
    {
        await using var harness = await EngineHarness.CreateAsync(callbackPollInterval: Recheck);
        var execution = await harness.StartAsync(Definition(Callback("Cb")));
        var token = await TokenAsync(harness);

        // A second engine on the same data directory and SQLite file, as `sluice callback` opens one.
        await using var otherStore = new SqliteExecutionStore(harness.DataDirectory);
        await otherStore.InitializeAsync(Ct);
        await using (var other = new PipelineEngine(otherStore, new EngineOptions { DataDirectory = harness.DataDirectory, CallbackPollInterval = Recheck }, Sluice.Core.Configuration.SluiceConfiguration.Empty, harness.Time))
        {
            await other.SendStepSuccessAsync(token, [], Ct);
        }

        (await EndedAsync(harness.Store, execution.Arn)).Status.ShouldBe(ExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task RunAsync_Stop_PostsStoppingAtOnceWithoutTheClockMoving()
    {
        await using var harness = await EngineHarness.CreateAsync(callbackPollInterval: Recheck);
        var execution = await harness.StartAsync(Definition(Callback("Cb")));
        var token = await TokenAsync(harness);

        await harness.Engine.StopExecutionAsync(execution.Arn, Ct);

        var stopping = JsonNode.Parse(await BodyAsync(harness))!;
        stopping["status"]!.GetValue<string>().ShouldBe("Stopping");
        await harness.Engine.SendStepSuccessAsync(token, [], Ct);
        (await EndedAsync(harness.Store, execution.Arn)).Status.ShouldBe(ExecutionStatus.Stopped);
    }

    private static async Task<string> TokenAsync(EngineHarness harness) => JsonNode.Parse(await BodyAsync(harness))!["token"]!.GetValue<string>();

    /// <summary>The next message on work-queue, waiting in real time (the fake clock stays where it is).</summary>
    private static async Task<string> BodyAsync(EngineHarness harness)
    {
        var store = harness.Store;
        for (var i = 0; i < 1_000; i++)
        {
            var messages = await store.ReceiveMessagesAsync("work-queue", 1, TimeSpan.FromHours(10), harness.Time.GetUtcNow(), Ct);
            if (messages.Count > 0)
            {
                await store.DeleteMessageAsync("work-queue", messages[0].ReceiptHandle, Ct);
                return messages[0].Body;
            }

            await Task.Delay(10, Ct);
        }

        throw new TimeoutException("no message on work-queue");
    }

    /// <summary>Waits in real time, without moving the fake clock, for the execution to end.</summary>
    private static async Task<ExecutionRecord> EndedAsync(ISluiceStore store, string arn)
    {
        for (var i = 0; i < 1_000; i++)
        {
            var record = (await store.GetExecutionAsync(arn, Ct)).ShouldNotBeNull();
            if (record.Status is ExecutionStatus.Succeeded or ExecutionStatus.Failed or ExecutionStatus.Stopped)
            {
                return record;
            }

            await Task.Delay(10, Ct);
        }

        throw new TimeoutException("the execution did not end without the clock moving");
    }
}
