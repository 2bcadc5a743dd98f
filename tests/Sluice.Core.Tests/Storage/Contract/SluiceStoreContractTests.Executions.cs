using Sluice.Core.Execution;
using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

/// <summary>Executions and their steps.</summary>
public abstract partial class SluiceStoreContractTests
{
    [Fact]
    public async Task ExecutionRecord_EveryField_RoundTrips()
    {
        var full = new ExecutionRecord(
            ExecutionArn("p", "abc123"),
            "abc123",
            "p",
            PipelineArn("p"),
            3,
            ExecutionStatus.Failed,
            "Step Train failed: ошибка 💥",
            "Run ✓",
            "A \"described\" run",
            [new ParameterValue("InputData", "s3://bucket/ï"), new ParameterValue("Threshold", "6.5"), new ParameterValue("Empty", "")],
            4,
            "{\"SourcePipelineExecutionArn\":\"x\",\"SelectedSteps\":[{\"StepName\":\"Train\"}]}",
            T0.AddMilliseconds(1),
            T0.AddMilliseconds(999),
            new ExecutionExperiment("Experiment ✓", "trial-abc123"));
        var sparse = NewExecution("p", "sparse");
        var trialOnly = NewExecution("p", "trial-only") with { Experiment = new ExecutionExperiment(null, "only-trial") };

        await Store.CreateExecutionAsync(full, Ct);
        await Store.CreateExecutionAsync(sparse, Ct);
        await Store.CreateExecutionAsync(trialOnly, Ct);

        ShouldMatch((await Store.GetExecutionAsync(full.Arn, Ct)).ShouldNotBeNull(), full);
        ShouldMatch((await Store.GetExecutionAsync(sparse.Arn, Ct)).ShouldNotBeNull(), sparse);
        ShouldMatch((await Store.GetExecutionAsync(trialOnly.Arn, Ct)).ShouldNotBeNull(), trialOnly);
    }

    [Fact]
    public async Task CreateExecutionAsync_DuplicateArn_Throws()
    {
        await Store.CreateExecutionAsync(NewExecution("p", "e1"), Ct);

        await ShouldRefuseAsync(() => Store.CreateExecutionAsync(NewExecution("p", "e1"), Ct));
    }

    [Fact]
    public async Task UpdateExecutionAsync_ExistingExecution_ReplacesTheRecord()
    {
        var created = NewExecution("p", "e1");
        await Store.CreateExecutionAsync(created, Ct);
        var updated = created with
        {
            Status = ExecutionStatus.Failed,
            FailureReason = "boom",
            DisplayName = "shown",
            Description = "described",
            LastModifiedTime = T0.AddMinutes(5),
        };

        await Store.UpdateExecutionAsync(updated, Ct);

        ShouldMatch((await Store.GetExecutionAsync(created.Arn, Ct)).ShouldNotBeNull(), updated);
    }

    [Fact]
    public async Task UpdateExecutionAsync_UnknownArn_ThrowsKeyNotFound() =>
        await Should.ThrowAsync<KeyNotFoundException>(() => Store.UpdateExecutionAsync(NewExecution("p", "missing"), Ct));

    [Fact]
    public async Task GetExecutionAsync_UnknownArn_ReturnsNull() =>
        (await Store.GetExecutionAsync("arn:missing", Ct)).ShouldBeNull();

    [Fact]
    public async Task ListExecutionsAsync_SeveralPipelines_NewestFirstWithTiesByArnAndFilter()
    {
        await Store.CreateExecutionAsync(NewExecution("p", "old", T0), Ct);
        await Store.CreateExecutionAsync(NewExecution("p", "tie-b", T0.AddMinutes(1)), Ct);
        await Store.CreateExecutionAsync(NewExecution("p", "tie-a", T0.AddMinutes(1)), Ct);
        await Store.CreateExecutionAsync(NewExecution("q", "other", T0.AddMilliseconds(30_001)), Ct);

        (await Store.ListExecutionsAsync("p", Ct)).Select(e => e.ExecutionId).ShouldBe(["tie-a", "tie-b", "old"]);
        (await Store.ListExecutionsAsync(null, Ct)).Select(e => e.ExecutionId).ShouldBe(["tie-a", "tie-b", "other", "old"]);
        (await Store.ListExecutionsAsync("missing", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListUnfinishedExecutionsAsync_MixedStatuses_ReturnsExecutingAndStoppingOldestFirst()
    {
        var statuses = Enum.GetValues<ExecutionStatus>();
        for (var i = 0; i < statuses.Length; i++)
        {
            await Store.CreateExecutionAsync(NewExecution("p", statuses[i].ToString(), T0.AddMinutes(-i), statuses[i]), Ct);
        }

        (await Store.ListUnfinishedExecutionsAsync(Ct)).Select(e => e.Status)
            .ShouldBe([ExecutionStatus.Stopping, ExecutionStatus.Executing]);
    }

    [Fact]
    public async Task StepRecord_EveryField_RoundTrips()
    {
        var execution = await CreateExecutionAsync();
        var full = new StepRecord(
            execution,
            "Trän 🚂",
            "Training",
            StepStatus.Failed,
            T0.AddMilliseconds(10),
            T0.AddMilliseconds(20),
            3,
            "Reason: ✗",
            "{\"TrainingJob\":{\"Arn\":\"arn\"}}",
            "{\"TrainingJobName\":\"名前\"}",
            ExecutionArn("p", "cached"),
            ExecutionArn("p", "selective"),
            T0.AddMilliseconds(30),
            "{\"pid\":1234}");
        var sparse = new StepRecord(
            execution, "Sparse", "Condition", StepStatus.Starting, T0.AddSeconds(1), null, 0, null, null, null, null, null, null, null);

        await Store.SaveStepsAsync([full, sparse], Ct);

        (await Store.ListStepsAsync(execution, Ct)).ShouldBe([full, sparse]);
    }

    [Fact]
    public async Task SaveStepsAsync_ExistingStep_ReplacesItAndKeepsItsPlace()
    {
        var execution = await CreateExecutionAsync();
        await Store.SaveStepsAsync([NewStep(execution, "A"), NewStep(execution, "B")], Ct);
        var done = NewStep(execution, "A", status: StepStatus.Succeeded) with { EndTime = T0.AddMinutes(1), PropertiesJson = "{}" };

        await Store.SaveStepsAsync([done], Ct);

        (await Store.ListStepsAsync(execution, Ct)).ShouldBe([done, NewStep(execution, "B")]);
    }

    [Fact]
    public async Task ListStepsAsync_MixedStartTimes_OrdersByStartTimeThenInsertion()
    {
        var execution = await CreateExecutionAsync();
        await Store.SaveStepsAsync([NewStep(execution, "late", T0.AddSeconds(2)), NewStep(execution, "z-first", T0)], Ct);
        await Store.SaveStepsAsync([NewStep(execution, "a-second", T0), NewStep(execution, "never") with { StartTime = null }], Ct);
        await Store.SaveStepsAsync([NewStep(execution, "middle", T0.AddSeconds(1))], Ct);

        (await Store.ListStepsAsync(execution, Ct)).Select(s => s.StepName)
            .ShouldBe(["z-first", "a-second", "middle", "late", "never"]);
        (await Store.ListStepsAsync("arn:other", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SaveStepsAsync_BatchWithUnknownExecution_StoresNothing()
    {
        var execution = await CreateExecutionAsync();

        await ShouldRefuseAsync(() =>
            Store.SaveStepsAsync([NewStep(execution, "A"), NewStep("arn:missing", "B")], Ct));

        (await Store.ListStepsAsync(execution, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SaveStepsAsync_EmptyBatch_DoesNothing()
    {
        await Store.SaveStepsAsync([], Ct);

        (await Store.ListStepsAsync(ExecutionArn("p", "e"), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task FinishExecutionAsync_StepsAndEnd_StoresBoth()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        var execution = NewExecution("p", "e1");
        await Store.CreateExecutionAsync(execution, Ct);
        var ended = execution with { Status = ExecutionStatus.Failed, FailureReason = "no", LastModifiedTime = T0.AddSeconds(1) };
        var step = NewStep(execution.Arn, "Check", status: StepStatus.Failed) with { EndTime = T0.AddSeconds(1), FailureReason = "no" };

        await Store.FinishExecutionAsync(ended, [step], Ct);

        var stored = (await Store.GetExecutionAsync(execution.Arn, Ct)).ShouldNotBeNull();
        stored.Status.ShouldBe(ExecutionStatus.Failed);
        stored.FailureReason.ShouldBe("no");
        (await Store.ListStepsAsync(execution.Arn, Ct)).ShouldBe([step]);
    }

    [Fact]
    public async Task FinishExecutionAsync_NoSteps_StoresTheEnd()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        var execution = NewExecution("p", "e1");
        await Store.CreateExecutionAsync(execution, Ct);

        await Store.FinishExecutionAsync(execution with { Status = ExecutionStatus.Succeeded }, [], Ct);

        (await Store.GetExecutionAsync(execution.Arn, Ct)).ShouldNotBeNull().Status.ShouldBe(ExecutionStatus.Succeeded);
        (await Store.ListStepsAsync(execution.Arn, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task FinishExecutionAsync_UnknownExecution_ThrowsAndStoresNoStep()
    {
        var missing = NewExecution("p", "missing");

        await Should.ThrowAsync<KeyNotFoundException>(() => Store.FinishExecutionAsync(missing, [NewStep(missing.Arn, "A")], Ct));

        (await Store.ListStepsAsync(missing.Arn, Ct)).ShouldBeEmpty();
    }
}
