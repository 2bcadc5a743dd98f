using Sluice.Core.Execution;
using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

/// <summary>
/// The pipeline lifecycle's atomic writes: create if absent, update on top of the latest version, delete unless an
/// execution runs, start only while the pipeline version is stored, and retry only from Failed or Stopped; each also
/// under concurrency.
/// </summary>
public abstract partial class SluiceStoreContractTests
{
    [Fact]
    public async Task CreatePipelineAsync_NewName_StoresVersionOne()
    {
        var created = await Store.CreatePipelineAsync(NewPipeline("p") with { Version = 7 }, Ct);

        created.ShouldNotBeNull().Version.ShouldBe(1);
        (await Store.GetPipelineAsync("p", null, Ct)).ShouldBe(created);
    }

    [Fact]
    public async Task CreatePipelineAsync_NameTaken_ReturnsNullAndKeepsTheStoredPipeline()
    {
        var first = await Store.CreatePipelineAsync(NewPipeline("p"), Ct);

        var second = await Store.CreatePipelineAsync(NewPipeline("p", T0.AddDays(1), "{\"other\":true}"), Ct);

        second.ShouldBeNull();
        (await Store.ListPipelineVersionsAsync("p", Ct)).ShouldBe([first!]);
    }

    [Fact]
    public async Task CreatePipelineAsync_TwentyConcurrentOnTwoStoresOfOneFile_ExactlyOneStores()
    {
        var other = await OpenStoreAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            (i % 2 == 0 ? Store : other).CreatePipelineAsync(NewPipeline("p", definition: $"{{\"n\":{i}}}"), Ct))));

        var winner = created.OfType<PipelineRecord>().ShouldHaveSingleItem();
        (await Store.ListPipelineVersionsAsync("p", Ct)).ShouldBe([winner]);
    }

    [Fact]
    public async Task UpdatePipelineAsync_ExistingPipeline_AddsTheNextVersionFromTheLatest()
    {
        await Store.CreatePipelineAsync(NewPipeline("p") with { Description = "kept" }, Ct);
        PipelineRecord? seen = null;

        var updated = await Store.UpdatePipelineAsync(
            "p",
            latest =>
            {
                seen = latest;
                return latest with { Name = "renamed", Version = 99, CreationTime = T0.AddDays(9), LastModifiedTime = T0.AddDays(1), DefinitionText = "{\"v\":2}" };
            },
            Ct);

        seen.ShouldNotBeNull().Version.ShouldBe(1);
        updated.ShouldNotBeNull();
        (updated.Name, updated.Version, updated.CreationTime, updated.LastModifiedTime).ShouldBe(("p", 2L, T0, T0.AddDays(1)), "name, version and creation time are the store's");
        updated.Description.ShouldBe("kept");
        (await Store.GetPipelineAsync("p", null, Ct)).ShouldBe(updated);
    }

    [Fact]
    public async Task UpdatePipelineAsync_MissingPipeline_ReturnsNullAndStoresNothing()
    {
        var called = false;

        var updated = await Store.UpdatePipelineAsync("p", latest => { called = true; return latest; }, Ct);

        updated.ShouldBeNull();
        called.ShouldBeFalse();
        (await Store.ListPipelinesAsync(Ct)).ShouldBeEmpty("an update never creates a pipeline, e.g. one deleted meanwhile");
    }

    [Fact]
    public async Task UpdatePipelineAsync_TwentyConcurrent_EachBuildsOnThePreviousVersion()
    {
        await Store.CreatePipelineAsync(NewPipeline("p") with { Description = string.Empty }, Ct);

        var updated = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            Store.UpdatePipelineAsync("p", latest => latest with { Description = $"{latest.Description}[{i}]" }, Ct))));

        updated.Select(p => p!.Version).Order().ShouldBe(Enumerable.Range(2, 20).Select(v => (long)v));
        var latest = (await Store.GetPipelineAsync("p", null, Ct)).ShouldNotBeNull();
        Enumerable.Range(0, 20).ShouldAllBe(i => latest.Description!.Contains($"[{i}]"), "no update is lost");
    }

    [Theory]
    [InlineData(ExecutionStatus.Executing)]
    [InlineData(ExecutionStatus.Stopping)]
    public async Task DeletePipelineAsync_UnfinishedExecution_RefusesAndKeepsEverything(ExecutionStatus status)
    {
        await Store.CreatePipelineAsync(NewPipeline("p"), Ct);
        var running = NewExecution("p", "e1", status: status);
        await Store.CreateExecutionAsync(running, Ct);

        var deletion = await Store.DeletePipelineAsync("p", Ct);

        deletion.ShouldBe(new PipelineDeletion(PipelineDeletionOutcome.HasUnfinishedExecutions, PipelineArn("p")));
        (await Store.GetPipelineAsync("p", null, Ct)).ShouldNotBeNull();
        (await Store.GetExecutionAsync(running.Arn, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task StartExecutionAsync_PipelineVersionStored_StoresTheExecutionWithItsSteps()
    {
        var pipeline = (await Store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        var execution = NewExecution("p", "e1");

        var started = await Store.StartExecutionAsync(execution, pipeline.DefinitionText, [NewStep(execution.Arn, "A", status: StepStatus.Succeeded)], Ct);

        started.ShouldBeTrue();
        ShouldMatch((await Store.GetExecutionAsync(execution.Arn, Ct)).ShouldNotBeNull(), execution);
        (await Store.ListStepsAsync(execution.Arn, Ct)).Single().StepName.ShouldBe("A");
    }

    [Fact]
    public async Task StartExecutionAsync_PipelineDeleted_StoresNothing()
    {
        var pipeline = (await Store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        await Store.DeletePipelineAsync("p", Ct);
        var execution = NewExecution("p", "e1");

        var started = await Store.StartExecutionAsync(execution, pipeline.DefinitionText, [NewStep(execution.Arn, "A")], Ct);

        started.ShouldBeFalse();
        (await Store.GetExecutionAsync(execution.Arn, Ct)).ShouldBeNull();
        (await Store.ListStepsAsync(execution.Arn, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StartExecutionAsync_PipelineCreatedAgainWithAnotherDefinition_StoresNothing()
    {
        var read = (await Store.CreatePipelineAsync(NewPipeline("p", definition: "{\"old\":true}"), Ct))!;
        await Store.DeletePipelineAsync("p", Ct);
        await Store.CreatePipelineAsync(NewPipeline("p", definition: "{\"new\":true}"), Ct);

        var started = await Store.StartExecutionAsync(NewExecution("p", "e1"), read.DefinitionText, [], Ct);

        started.ShouldBeFalse("version 1 now holds another definition than the one the start read and would run");
    }

    [Fact]
    public async Task StartExecutionAsync_RacingDeletePipeline_EitherStartsFirstAndTheDeleteIsRefusedOrStoresNothing()
    {
        for (var round = 0; round < 10; round++)
        {
            var name = $"p{round}";
            var pipeline = (await Store.CreatePipelineAsync(NewPipeline(name), Ct))!;

            var starts = Enumerable.Range(0, 8)
                .Select(i => Task.Run(() => Store.StartExecutionAsync(NewExecution(name, $"e{i}"), pipeline.DefinitionText, [], Ct)))
                .ToList();
            var deletion = await Task.Run(() => Store.DeletePipelineAsync(name, Ct));
            var started = await Task.WhenAll(starts);

            var stored = await Store.ListExecutionsAsync(name, Ct);
            stored.Count.ShouldBe(started.Count(s => s), $"round {round}");
            if (deletion.Outcome == PipelineDeletionOutcome.Deleted)
            {
                stored.ShouldBeEmpty($"round {round}: starts after the delete store nothing, starts before it would have refused it");
            }
            else
            {
                deletion.Outcome.ShouldBe(PipelineDeletionOutcome.HasUnfinishedExecutions);
                (await Store.GetPipelineAsync(name, 1, Ct)).ShouldNotBeNull();
            }
        }
    }

    [Fact]
    public async Task TryUpdateExecutionAsync_ExpectedStatus_ReplacesTheRecord()
    {
        var failed = NewExecution("p", "e1", status: ExecutionStatus.Failed);
        await Store.CreateExecutionAsync(failed, Ct);
        var retried = failed with { Status = ExecutionStatus.Executing, LastModifiedTime = T0.AddMinutes(1) };

        var replaced = await Store.TryUpdateExecutionAsync(retried, [ExecutionStatus.Failed, ExecutionStatus.Stopped], Ct);

        replaced.ShouldBeTrue();
        ShouldMatch((await Store.GetExecutionAsync(failed.Arn, Ct)).ShouldNotBeNull(), retried);
    }

    [Fact]
    public async Task TryUpdateExecutionAsync_OtherStatusOrMissing_ChangesNothing()
    {
        var running = NewExecution("p", "e1");
        await Store.CreateExecutionAsync(running, Ct);

        var fromRunning = await Store.TryUpdateExecutionAsync(running with { DisplayName = "x" }, [ExecutionStatus.Failed], Ct);
        var missing = await Store.TryUpdateExecutionAsync(NewExecution("p", "gone"), [ExecutionStatus.Executing], Ct);

        (fromRunning, missing).ShouldBe((false, false));
        ShouldMatch((await Store.GetExecutionAsync(running.Arn, Ct)).ShouldNotBeNull(), running);
        (await Store.GetExecutionAsync(ExecutionArn("p", "gone"), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task TryUpdateExecutionAsync_EightConcurrentRetries_ExactlyOneWins()
    {
        var failed = NewExecution("p", "e1", status: ExecutionStatus.Failed);
        await Store.CreateExecutionAsync(failed, Ct);

        var won = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.TryUpdateExecutionAsync(
            failed with { Status = ExecutionStatus.Executing, DisplayName = $"retry-{i}" }, [ExecutionStatus.Failed], Ct))));

        won.Count(w => w).ShouldBe(1);
        (await Store.GetExecutionAsync(failed.Arn, Ct))!.DisplayName.ShouldBe($"retry-{Array.IndexOf(won, true)}");
    }
}
