using Sluice.Core.Execution;
using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

/// <summary>Pipelines and their versions.</summary>
public abstract partial class SluiceStoreContractTests
{
    [Fact]
    public async Task AddPipelineVersionAsync_NewName_StoresVersionOne()
    {
        var stored = await Store.AddPipelineVersionAsync(NewPipeline("p") with { Version = 42 }, Ct);

        stored.Version.ShouldBe(1);
        (await Store.GetPipelineAsync("p", null, Ct)).ShouldBe(stored);
    }

    [Fact]
    public async Task UpdatePipelineVersionAsync_GivenFields_ChangesOnlyThatVersion()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p", T0), Ct);
        await Store.AddPipelineVersionAsync(NewPipeline("p", T0.AddDays(1), "{\"v\":2}"), Ct);

        var named = await Store.UpdatePipelineVersionAsync("p", 1, "first", "the first one", Ct);
        var renamed = await Store.UpdatePipelineVersionAsync("p", 1, "renamed", null, Ct);

        named!.VersionDisplayName.ShouldBe("first");
        renamed!.VersionDisplayName.ShouldBe("renamed");
        renamed.VersionDescription.ShouldBe("the first one", "a member not given is kept");
        (await Store.GetPipelineAsync("p", 1, Ct)).ShouldBe(renamed);
        (await Store.GetPipelineAsync("p", 2, Ct))!.VersionDisplayName.ShouldBeNull();
        (await Store.UpdatePipelineVersionAsync("p", 3, "x", null, Ct)).ShouldBeNull();
        (await Store.UpdatePipelineVersionAsync("nope", 1, "x", null, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task AddPipelineVersionAsync_ExistingName_IncrementsAndKeepsCreationTime()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p", T0), Ct);
        var later = T0.AddDays(1);

        var second = await Store.AddPipelineVersionAsync(NewPipeline("p", later, "{\"v\":2}"), Ct);
        var third = await Store.AddPipelineVersionAsync(NewPipeline("p", later.AddDays(1), "{\"v\":3}"), Ct);

        second.Version.ShouldBe(2);
        third.Version.ShouldBe(3);
        second.CreationTime.ShouldBe(T0);
        third.CreationTime.ShouldBe(T0);
        third.LastModifiedTime.ShouldBe(later.AddDays(1));
        (await Store.GetPipelineAsync("p", 2, Ct)).ShouldBe(second);
        (await Store.GetPipelineAsync("p", null, Ct)).ShouldBe(third);
    }

    [Fact]
    public async Task AddPipelineVersionAsync_ConcurrentAdds_AssignDistinctConsecutiveVersions()
    {
        var added = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            Store.AddPipelineVersionAsync(NewPipeline("p", T0.AddSeconds(i)), Ct))));

        added.Select(p => p.Version).Order().ShouldBe(Enumerable.Range(1, 20).Select(v => (long)v));
        (await Store.ListPipelineVersionsAsync("p", Ct)).Select(p => p.CreationTime).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task PipelineRecord_EveryField_RoundTrips()
    {
        var full = new PipelineRecord(
            "Pïpeline-ü",
            PipelineArn("Pïpeline-ü"),
            0,
            "{\"Steps\":[{\"Name\":\"ステップ\"}],\"emoji\":\"🚀\"}",
            "Display ✓",
            "Description\nwith \"quotes\" and 'apostrophes'",
            "arn:aws:iam::111122223333:role/R",
            7,
            T0.AddMilliseconds(123),
            T0.AddMilliseconds(456));
        var sparse = NewPipeline("sparse");

        var storedFull = await Store.AddPipelineVersionAsync(full, Ct);
        var storedSparse = await Store.AddPipelineVersionAsync(sparse, Ct);

        storedFull.ShouldBe(full with { Version = 1 });
        (await Store.GetPipelineAsync(full.Name, 1, Ct)).ShouldBe(full with { Version = 1 });
        (await Store.GetPipelineAsync(sparse.Name, 1, Ct)).ShouldBe(storedSparse);
        storedSparse.ShouldBe(sparse with { Version = 1 });
    }

    [Fact]
    public async Task GetPipelineAsync_UnknownNameOrVersion_ReturnsNull()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);

        (await Store.GetPipelineAsync("other", null, Ct)).ShouldBeNull();
        (await Store.GetPipelineAsync("p", 2, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ListPipelinesAsync_SeveralVersions_ReturnsLatestOfEachByName()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("b"), Ct);
        await Store.AddPipelineVersionAsync(NewPipeline("a"), Ct);
        await Store.AddPipelineVersionAsync(NewPipeline("b", definition: "{\"v\":2}"), Ct);

        var pipelines = await Store.ListPipelinesAsync(Ct);

        pipelines.Select(p => (p.Name, p.Version)).ShouldBe([("a", 1L), ("b", 2L)]);
        pipelines[1].DefinitionText.ShouldBe("{\"v\":2}");
    }

    [Fact]
    public async Task GetLastExecutionTimesAsync_APageOfNames_ReturnsTheNewestCreationTimeOfEachThatRan()
    {
        await Store.CreateExecutionAsync(NewExecution("p", "e1", T0.AddSeconds(5)), Ct);
        await Store.CreateExecutionAsync(NewExecution("p", "e2", T0.AddSeconds(9).AddTicks(3)), Ct);
        await Store.CreateExecutionAsync(NewExecution("q'; --", "e3", T0.AddDays(1)), Ct);
        await Store.CreateExecutionAsync(NewExecution("P", "e4", T0.AddDays(2)), Ct);
        await Store.CreateExecutionAsync(NewExecution("not-asked", "e5", T0.AddDays(3)), Ct);

        var times = await Store.GetLastExecutionTimesAsync(["p", "q'; --", "idle", "p"], Ct);

        times.Count.ShouldBe(2, "names are exact, and a pipeline that never ran or was not asked for has no entry");
        times["p"].ShouldBe(T0.AddSeconds(9).AddTicks(3));
        times["q'; --"].ShouldBe(T0.AddDays(1));
        (await Store.GetLastExecutionTimesAsync([], Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetLastExecutionTimesAsync_HundredNames_AnswersEveryOneAtOnce()
    {
        var names = Enumerable.Range(0, 100).Select(i => $"p{i}").ToList();
        foreach (var (name, i) in names.Select((name, i) => (name, i)).Where(each => each.i % 2 == 0))
        {
            await Store.CreateExecutionAsync(NewExecution(name, "e", T0.AddMinutes(i)), Ct);
        }

        var times = await Store.GetLastExecutionTimesAsync(names, Ct);

        times.Keys.Order(StringComparer.Ordinal).ShouldBe(names.Where((_, i) => i % 2 == 0).Order(StringComparer.Ordinal));
        times["p42"].ShouldBe(T0.AddMinutes(42));
    }

    [Fact]
    public async Task ListPipelineVersionsAsync_SeveralVersions_ReturnsOldestFirst()
    {
        for (var i = 0; i < 3; i++)
        {
            await Store.AddPipelineVersionAsync(NewPipeline("p", T0.AddHours(i)), Ct);
        }

        await Store.AddPipelineVersionAsync(NewPipeline("other"), Ct);

        (await Store.ListPipelineVersionsAsync("p", Ct)).Select(p => p.Version).ShouldBe([1L, 2L, 3L]);
        (await Store.ListPipelineVersionsAsync("missing", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeletePipelineAsync_ExistingPipeline_RemovesVersionsExecutionsStepsAndCallbacks()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        await Store.AddPipelineVersionAsync(NewPipeline("keep"), Ct);
        var gone = NewExecution("p", "e1", status: ExecutionStatus.Succeeded);
        var kept = NewExecution("keep", "e2", status: ExecutionStatus.Succeeded);
        foreach (var execution in new[] { gone, kept })
        {
            await Store.CreateExecutionAsync(execution, Ct);
            await Store.SaveStepsAsync([NewStep(execution.Arn, "A")], Ct);
            await Store.CreateCallbackAsync(NewCallback("tok-" + execution.ExecutionId, execution.Arn), Ct);
        }

        (await Store.DeletePipelineAsync("p", Ct)).ShouldBe(new PipelineDeletion(PipelineDeletionOutcome.Deleted, PipelineArn("p")));

        (await Store.GetPipelineAsync("p", null, Ct)).ShouldBeNull();
        (await Store.ListPipelineVersionsAsync("p", Ct)).ShouldBeEmpty();
        (await Store.GetExecutionAsync(gone.Arn, Ct)).ShouldBeNull();
        (await Store.ListStepsAsync(gone.Arn, Ct)).ShouldBeEmpty();
        (await Store.GetCallbackAsync("tok-e1", Ct)).ShouldBeNull();
        (await Store.GetPipelineAsync("keep", null, Ct)).ShouldNotBeNull();
        (await Store.GetExecutionAsync(kept.Arn, Ct)).ShouldNotBeNull();
        (await Store.ListStepsAsync(kept.Arn, Ct)).Count.ShouldBe(1);
        (await Store.GetCallbackAsync("tok-e2", Ct)).ShouldNotBeNull();
        (await Store.DeletePipelineAsync("p", Ct)).Outcome.ShouldBe(PipelineDeletionOutcome.NotFound);
    }

    [Fact]
    public async Task DeletePipelineAsync_UnknownName_ReturnsNotFound() =>
        (await Store.DeletePipelineAsync("missing", Ct)).ShouldBe(new PipelineDeletion(PipelineDeletionOutcome.NotFound, null));

    [Fact]
    public async Task GetPipelineHeadAsync_LatestOrGivenVersion_ReturnsArnVersionAndLimitWithoutTheDefinition()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p") with { MaxParallelExecutionSteps = 3 }, Ct);
        await Store.AddPipelineVersionAsync(NewPipeline("p", definition: "{\"Steps\":[1]}") with { MaxParallelExecutionSteps = null }, Ct);

        (await Store.GetPipelineHeadAsync("p", null, Ct)).ShouldBe(new PipelineVersionHead(PipelineArn("p"), 2, null));
        (await Store.GetPipelineHeadAsync("p", 1, Ct)).ShouldBe(new PipelineVersionHead(PipelineArn("p"), 1, 3));
        (await Store.GetPipelineHeadAsync("p", 3, Ct)).ShouldBeNull();
        (await Store.GetPipelineHeadAsync("missing", null, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task GetPipelineHeadAsync_PipelineUpdatedOrDeletedThroughAnotherStore_SeesItAtOnce()
    {
        var other = await OpenStoreAsync();
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        (await Store.GetPipelineHeadAsync("p", null, Ct)).ShouldNotBeNull().Version.ShouldBe(1);

        await other.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        (await Store.GetPipelineHeadAsync("p", null, Ct)).ShouldNotBeNull().Version.ShouldBe(2);

        await other.DeletePipelineAsync("p", Ct);
        (await Store.GetPipelineHeadAsync("p", null, Ct)).ShouldBeNull();
    }
}
