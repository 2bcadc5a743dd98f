using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;
using Sluice.Core.Tests.Support;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Execution;

/// <summary>
/// What a start costs the store (docs/performance.md, "Start: CPU per request"): an execution whose steps need no job
/// ends in one write with their records, and a version a start has seen is not read whole again, while a version
/// added, or a pipeline deleted, through another store (another server or process) counts at the next start.
/// </summary>
public sealed class PipelineEngineStartPathTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_OneConditionStep_StepRecordAndEndInOneWrite()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var store = (SqliteExecutionStore)harness.Store;
        await harness.Engine.SavePipelineAsync("p", Definition(Condition("Check", Compare("Equals", 1, 1), [], [])).ToJsonString(), null, null, null, null, Ct);
        var before = store.CommittedWrites;

        var execution = await harness.WaitAsync((await harness.Engine.StartExecutionAsync(new StartExecutionRequest { PipelineName = "p" }, Ct)).Arn);

        execution.Status.ShouldBe(ExecutionStatus.Succeeded);
        (store.CommittedWrites - before).ShouldBe(2); // the start, then the step's record with the end
        (await store.GetExecutionAsync(execution.Arn, Ct)).ShouldNotBeNull().Status.ShouldBe(ExecutionStatus.Succeeded);
        var step = (await harness.StepsAsync(execution.Arn)).ShouldHaveSingleItem();
        step.StepName.ShouldBe("Check");
        step.Status.ShouldBe(StepStatus.Succeeded);
        step.MetadataJson.ShouldBe("{\"Condition\": {\"Outcome\": \"True\"}}");
    }

    [Fact]
    public async Task Run_ConditionThenFailStep_HeldRecordLandsBeforeTheBranchStep()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var definition = Definition(Condition("Check", Compare("Equals", 1, 1), [Fail("Stop", "stopped here")], []));

        var execution = await harness.RunAsync(definition);

        execution.Status.ShouldBe(ExecutionStatus.Failed);
        execution.FailureReason.ShouldBe("stopped here");
        var steps = await harness.StepsAsync(execution.Arn);
        steps.Select(s => (s.StepName, s.Status)).ShouldBe([("Check", StepStatus.Succeeded), ("Stop", StepStatus.Failed)]);
        (await harness.Store.GetExecutionAsync(execution.Arn, Ct)).ShouldNotBeNull().Status.ShouldBe(ExecutionStatus.Failed);
    }

    [Fact]
    public async Task Start_SameVersionAgain_DoesNotReadTheWholeVersionAgain()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var store = (SqliteExecutionStore)harness.Store;
        await harness.RunAsync(Definition(Fail("Old", "old")), name: "p");
        var before = store.PipelineReads;

        for (var i = 0; i < 3; i++)
        {
            (await harness.Engine.StartExecutionAsync(new StartExecutionRequest { PipelineName = "p" }, Ct)).PipelineVersion.ShouldBe(1);
        }

        store.PipelineReads.ShouldBe(before);
    }

    [Fact]
    public async Task Start_AfterUpdateThroughAnotherStore_RunsTheNewVersion()
    {
        await using var harness = await EngineHarness.CreateAsync();
        (await harness.RunAsync(Definition(Fail("Old", "old")), name: "p")).FailureReason.ShouldBe("old");
        await using var other = await OpenOtherStoreAsync(harness);

        var next = await other.UpdatePipelineAsync("p", latest => latest with { DefinitionText = Definition(Fail("New", "new")).ToJsonString() }, Ct);
        var execution = await harness.WaitAsync((await harness.Engine.StartExecutionAsync(new StartExecutionRequest { PipelineName = "p" }, Ct)).Arn);

        next.ShouldNotBeNull().Version.ShouldBe(2);
        execution.PipelineVersion.ShouldBe(2);
        execution.FailureReason.ShouldBe("new");
    }

    [Fact]
    public async Task Start_AfterDeleteThroughAnotherStore_FailsAsBefore()
    {
        await using var harness = await EngineHarness.CreateAsync();
        await harness.RunAsync(Definition(Fail("Old", "old")), name: "p");
        await using var other = await OpenOtherStoreAsync(harness);

        (await other.DeletePipelineAsync("p", Ct)).Outcome.ShouldBe(PipelineDeletionOutcome.Deleted);

        var error = await Should.ThrowAsync<ResourceNotFoundException>(
            () => harness.Engine.StartExecutionAsync(new StartExecutionRequest { PipelineName = "p" }, Ct));
        error.Message.ShouldBe("Pipeline 'p' does not exist.");
        await Should.ThrowAsync<ResourceNotFoundException>(
            () => harness.Engine.StartExecutionAsync(new StartExecutionRequest { PipelineName = "p", PipelineVersion = 1 }, Ct));
    }

    [Fact]
    public async Task Start_AfterDeleteAndCreateWithTheSameDefinitionThroughAnotherStore_RunsTheNewPipelinesLimit()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var text = Definition(Fail("Old", "old")).ToJsonString();
        await harness.RunAsync(Definition(Fail("Old", "old")), name: "p");
        await using var other = await OpenOtherStoreAsync(harness);

        await other.DeletePipelineAsync("p", Ct);
        var now = harness.Time.GetUtcNow();
        await other.CreatePipelineAsync(
            new PipelineRecord("p", Arns.Pipeline(harness.Engine.Options, "p"), 1, text, null, null, null, 7, now, now), Ct);
        var execution = await harness.Engine.StartExecutionAsync(new StartExecutionRequest { PipelineName = "p" }, Ct);

        execution.PipelineVersion.ShouldBe(1);
        execution.MaxParallelExecutionSteps.ShouldBe(7);
    }

    private static async Task<SqliteExecutionStore> OpenOtherStoreAsync(EngineHarness harness)
    {
        var other = new SqliteExecutionStore(harness.DataDirectory);
        await other.InitializeAsync(Ct);
        return other;
    }
}
