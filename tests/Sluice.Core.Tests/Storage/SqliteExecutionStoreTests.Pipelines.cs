using Sluice.Core.Execution;
using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage;

/// <summary>Pipelines and their versions.</summary>
public sealed partial class SqliteExecutionStoreTests
{
    [Fact]
    public async Task AddPipelineVersionAsync_NewName_StoresVersionOne()
    {
        var stored = await store.AddPipelineVersionAsync(NewPipeline("p") with { Version = 42 }, Ct);

        stored.Version.ShouldBe(1);
        (await store.GetPipelineAsync("p", null, Ct)).ShouldBe(stored);
    }

    [Fact]
    public async Task UpdatePipelineVersionAsync_GivenFields_ChangesOnlyThatVersion()
    {
        await store.AddPipelineVersionAsync(NewPipeline("p", T0), Ct);
        await store.AddPipelineVersionAsync(NewPipeline("p", T0.AddDays(1), "{\"v\":2}"), Ct);

        var named = await store.UpdatePipelineVersionAsync("p", 1, "first", "the first one", Ct);
        var renamed = await store.UpdatePipelineVersionAsync("p", 1, "renamed", null, Ct);

        named!.VersionDisplayName.ShouldBe("first");
        renamed!.VersionDisplayName.ShouldBe("renamed");
        renamed.VersionDescription.ShouldBe("the first one", "a member not given is kept");
        (await store.GetPipelineAsync("p", 1, Ct)).ShouldBe(renamed);
        (await store.GetPipelineAsync("p", 2, Ct))!.VersionDisplayName.ShouldBeNull();
        (await store.UpdatePipelineVersionAsync("p", 3, "x", null, Ct)).ShouldBeNull();
        (await store.UpdatePipelineVersionAsync("nope", 1, "x", null, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task AddPipelineVersionAsync_ExistingName_IncrementsAndKeepsCreationTime()
    {
        await store.AddPipelineVersionAsync(NewPipeline("p", T0), Ct);
        var later = T0.AddDays(1);

        var second = await store.AddPipelineVersionAsync(NewPipeline("p", later, "{\"v\":2}"), Ct);
        var third = await store.AddPipelineVersionAsync(NewPipeline("p", later.AddDays(1), "{\"v\":3}"), Ct);

        second.Version.ShouldBe(2);
        third.Version.ShouldBe(3);
        second.CreationTime.ShouldBe(T0);
        third.CreationTime.ShouldBe(T0);
        third.LastModifiedTime.ShouldBe(later.AddDays(1));
        (await store.GetPipelineAsync("p", 2, Ct)).ShouldBe(second);
        (await store.GetPipelineAsync("p", null, Ct)).ShouldBe(third);
    }

    [Fact]
    public async Task AddPipelineVersionAsync_ConcurrentAdds_AssignDistinctConsecutiveVersions()
    {
        var added = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            store.AddPipelineVersionAsync(NewPipeline("p", T0.AddSeconds(i)), Ct))));

        added.Select(p => p.Version).Order().ShouldBe(Enumerable.Range(1, 20).Select(v => (long)v));
        (await store.ListPipelineVersionsAsync("p", Ct)).Select(p => p.CreationTime).Distinct().Count().ShouldBe(1);
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

        var storedFull = await store.AddPipelineVersionAsync(full, Ct);
        var storedSparse = await store.AddPipelineVersionAsync(sparse, Ct);

        storedFull.ShouldBe(full with { Version = 1 });
        (await store.GetPipelineAsync(full.Name, 1, Ct)).ShouldBe(full with { Version = 1 });
        (await store.GetPipelineAsync(sparse.Name, 1, Ct)).ShouldBe(storedSparse);
        storedSparse.ShouldBe(sparse with { Version = 1 });
    }

    [Fact]
    public async Task GetPipelineAsync_UnknownNameOrVersion_ReturnsNull()
    {
        await store.AddPipelineVersionAsync(NewPipeline("p"), Ct);

        (await store.GetPipelineAsync("other", null, Ct)).ShouldBeNull();
        (await store.GetPipelineAsync("p", 2, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ListPipelinesAsync_SeveralVersions_ReturnsLatestOfEachByName()
    {
        await store.AddPipelineVersionAsync(NewPipeline("b"), Ct);
        await store.AddPipelineVersionAsync(NewPipeline("a"), Ct);
        await store.AddPipelineVersionAsync(NewPipeline("b", definition: "{\"v\":2}"), Ct);

        var pipelines = await store.ListPipelinesAsync(Ct);

        pipelines.Select(p => (p.Name, p.Version)).ShouldBe([("a", 1L), ("b", 2L)]);
        pipelines[1].DefinitionText.ShouldBe("{\"v\":2}");
    }

    [Fact]
    public async Task ListPipelineVersionsAsync_SeveralVersions_ReturnsOldestFirst()
    {
        for (var i = 0; i < 3; i++)
        {
            await store.AddPipelineVersionAsync(NewPipeline("p", T0.AddHours(i)), Ct);
        }

        await store.AddPipelineVersionAsync(NewPipeline("other"), Ct);

        (await store.ListPipelineVersionsAsync("p", Ct)).Select(p => p.Version).ShouldBe([1L, 2L, 3L]);
        (await store.ListPipelineVersionsAsync("missing", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeletePipelineAsync_ExistingPipeline_RemovesVersionsExecutionsStepsAndCallbacks()
    {
        await store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        await store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        await store.AddPipelineVersionAsync(NewPipeline("keep"), Ct);
        var gone = NewExecution("p", "e1", status: ExecutionStatus.Succeeded);
        var kept = NewExecution("keep", "e2", status: ExecutionStatus.Succeeded);
        foreach (var execution in new[] { gone, kept })
        {
            await store.CreateExecutionAsync(execution, Ct);
            await store.SaveStepsAsync([NewStep(execution.Arn, "A")], Ct);
            await store.CreateCallbackAsync(NewCallback("tok-" + execution.ExecutionId, execution.Arn), Ct);
        }

        (await store.DeletePipelineAsync("p", Ct)).ShouldBe(new PipelineDeletion(PipelineDeletionOutcome.Deleted, PipelineArn("p")));

        (await store.GetPipelineAsync("p", null, Ct)).ShouldBeNull();
        (await store.ListPipelineVersionsAsync("p", Ct)).ShouldBeEmpty();
        (await store.GetExecutionAsync(gone.Arn, Ct)).ShouldBeNull();
        (await store.ListStepsAsync(gone.Arn, Ct)).ShouldBeEmpty();
        (await store.GetCallbackAsync("tok-e1", Ct)).ShouldBeNull();
        (await store.GetPipelineAsync("keep", null, Ct)).ShouldNotBeNull();
        (await store.GetExecutionAsync(kept.Arn, Ct)).ShouldNotBeNull();
        (await store.ListStepsAsync(kept.Arn, Ct)).Count.ShouldBe(1);
        (await store.GetCallbackAsync("tok-e2", Ct)).ShouldNotBeNull();
        (await store.DeletePipelineAsync("p", Ct)).Outcome.ShouldBe(PipelineDeletionOutcome.NotFound);
    }

    [Fact]
    public async Task DeletePipelineAsync_UnknownName_ReturnsNotFound() =>
        (await store.DeletePipelineAsync("missing", Ct)).ShouldBe(new PipelineDeletion(PipelineDeletionOutcome.NotFound, null));
}
