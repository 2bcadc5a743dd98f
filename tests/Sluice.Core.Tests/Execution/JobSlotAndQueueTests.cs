using System.Text.Json.Nodes;
using Sluice.Definitions;
using Sluice.Core.Execution;
using Sluice.Core.Steps;
using Sluice.Core.Storage;
using Sluice.Core.Tests.Support;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Execution;

public sealed class JobSlotAndQueueTests
{
    [Fact]
    public async Task Run_JobStepsAcrossExecutions_ShareTheGlobalJobSlots()
    {
        using var runner = new GatedJobRunner();
        var registry = StepRunnerRegistry.CreateDefault(new HttpClient());
        registry.Register(StepType.Processing, runner);
        await using var harness = await EngineHarness.CreateAsync(maxJobs: 2, runners: registry);
        var definition = Definition([.. Enumerable.Range(0, 3).Select(i => Processing($"P{i}"))]);

        var first = await harness.StartAsync(definition);
        var second = await harness.Engine.StartExecutionAsync(new StartExecutionRequest { PipelineName = "test-pipeline" }, TestContext.Current.CancellationToken);
        await harness.Until(() => runner.Running == 2);
        for (var released = 0; released < 6; released++)
        {
            await harness.Until(() => runner.Running > 0);
            runner.ReleaseOne();
        }

        (await harness.WaitAsync(first.Arn)).Status.ShouldBe(ExecutionStatus.Succeeded);
        (await harness.WaitAsync(second.Arn)).Status.ShouldBe(ExecutionStatus.Succeeded);
        runner.MostAtOnce.ShouldBe(2);
    }

    [Fact]
    public async Task Run_CallbackMessageNotDeleted_IsRedeliveredAfterTheVisibilityTimeout()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var execution = await harness.StartAsync(Definition(Callback("Cb")));
        await harness.Until(() => harness.Store.CountMessagesAsync("work-queue", harness.Time.GetUtcNow(), TestContext.Current.CancellationToken)
            .GetAwaiter().GetResult().Visible == 1);
        var now = harness.Time.GetUtcNow();

        var first = await harness.Store.ReceiveMessagesAsync("work-queue", 1, TimeSpan.FromSeconds(30), now, TestContext.Current.CancellationToken);
        var hidden = await harness.Store.ReceiveMessagesAsync("work-queue", 1, TimeSpan.FromSeconds(30), now + TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var again = await harness.Store.ReceiveMessagesAsync("work-queue", 1, TimeSpan.FromSeconds(30), now + TimeSpan.FromSeconds(31), TestContext.Current.CancellationToken);

        first.ShouldHaveSingleItem();
        hidden.ShouldBeEmpty();
        again.ShouldHaveSingleItem().Body.ShouldBe(first[0].Body);
        again[0].ReceiveCount.ShouldBe(2);
        var token = JsonNode.Parse(again[0].Body)!["token"]!.GetValue<string>();
        await harness.Engine.SendStepSuccessAsync(token, [], TestContext.Current.CancellationToken);
        (await harness.WaitAsync(execution.Arn)).Status.ShouldBe(ExecutionStatus.Succeeded);
    }

    private static JsonObject Processing(string name) => new()
    {
        ["Name"] = name,
        ["Type"] = "Processing",
        ["Arguments"] = new JsonObject
        {
            ["ProcessingResources"] = new JsonObject { ["ClusterConfig"] = new JsonObject { ["InstanceType"] = "ml.m5.xlarge", ["InstanceCount"] = 1, ["VolumeSizeInGB"] = 30 } },
            ["AppSpecification"] = new JsonObject { ["ImageUri"] = "image" },
            ["RoleArn"] = "arn:aws:iam::111122223333:role/SageMakerRole",
        },
    };

    /// <summary>A job runner that holds its slot until the test releases it, counting how many run at once.</summary>
    private sealed class GatedJobRunner : IStepRunner, IDisposable
    {
        private readonly SemaphoreSlim _gate = new(0);
        private int _running;
        private int _most;

        public bool UsesJobSlot => true;

        public int Running => Volatile.Read(ref _running);

        public int MostAtOnce => Volatile.Read(ref _most);

        public void ReleaseOne() => _gate.Release();

        public void Dispose() => _gate.Dispose();

        public async Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _running);
            InterlockedMax(ref _most, now);
            try
            {
                await _gate.WaitAsync(cancellationToken);
                return new StepResult.Succeeded(JsonDocumentOf("{\"ProcessingJobStatus\": \"Completed\"}"));
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }

        private static System.Text.Json.JsonElement JsonDocumentOf(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
    }
}
