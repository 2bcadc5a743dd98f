using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage;

/// <summary>SQLite keeps what it read of ended executions (<see cref="EndedExecutionCache{T}"/>).</summary>
public sealed partial class SqliteExecutionStoreTests
{
    [Fact]
    public async Task ListExecutionsPageAsync_UnchangedEndedExecution_ReadsItsSummaryOnce()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        await Store.CreateExecutionAsync(NewExecution("p", "ended", T0, ExecutionStatus.Succeeded), Ct);
        await Store.CreateExecutionAsync(NewExecution("p", "running", T0.AddSeconds(1)), Ct);

        var first = (await Store.ListExecutionsPageAsync(new ExecutionPageQuery("p"), Ct)).ShouldNotBeNull().Executions;
        var second = (await Store.ListExecutionsPageAsync(new ExecutionPageQuery("p"), Ct)).ShouldNotBeNull().Executions;

        second.ShouldBe(first);
        ReferenceEquals(first[1], second[1]).ShouldBeTrue("the ended execution's summary is the one kept");
        ReferenceEquals(first[0], second[0]).ShouldBeFalse("a running execution's summary is read every time");
    }

    [Fact]
    public async Task GetExecutionAsync_EndedExecution_IsReadOnceUntilItChanges()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        var ended = NewExecution("p", "ended", T0, ExecutionStatus.Failed) with { FailureReason = "boom" };
        await Store.CreateExecutionAsync(ended, Ct);
        var first = (await Store.GetExecutionAsync(ended.Arn, Ct)).ShouldNotBeNull();
        var second = (await Store.GetExecutionAsync(ended.Arn, Ct)).ShouldNotBeNull();
        var other = await OpenStoreAsync();

        await other.UpdateExecutionAsync(ended with { DisplayName = "renamed" }, Ct);
        var changed = (await Store.GetExecutionAsync(ended.Arn, Ct)).ShouldNotBeNull();

        ReferenceEquals(first, second).ShouldBeTrue("the ended execution's record is the one kept");
        first.DisplayName.ShouldBeNull();
        changed.DisplayName.ShouldBe("renamed");
        changed.FailureReason.ShouldBe("boom");
    }

    [Fact]
    public async Task ListExecutionsPageAsync_EndedExecutionUpdatedOutsideSluice_ListsTheChange()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        var ended = NewExecution("p", "ended", T0, ExecutionStatus.Succeeded);
        await Store.CreateExecutionAsync(ended, Ct);
        (await Store.ListExecutionsPageAsync(new ExecutionPageQuery("p"), Ct)).ShouldNotBeNull();
        (await Store.GetExecutionAsync(ended.Arn, Ct)).ShouldNotBeNull();

        // An UPDATE that does not touch the version, as a repair in the sqlite3 shell would be.
        await using (var raw = await OpenRawAsync())
        {
            await using var command = raw.CreateCommand();
            command.CommandText = "UPDATE executions SET display_name = 'fixed by hand' WHERE arn = $arn;";
            command.Parameters.AddWithValue("$arn", ended.Arn);
            (await command.ExecuteNonQueryAsync(Ct)).ShouldBe(1);
        }

        var listed = (await Store.ListExecutionsPageAsync(new ExecutionPageQuery("p"), Ct)).ShouldNotBeNull().Executions;
        listed.ShouldHaveSingleItem().DisplayName.ShouldBe("fixed by hand");
        (await Store.GetExecutionAsync(ended.Arn, Ct)).ShouldNotBeNull().DisplayName.ShouldBe("fixed by hand");
    }

    [Fact]
    public void EndedExecutionCache_Full_IsEmptiedAndKeepsTheNewest()
    {
        var cache = new EndedExecutionCache<string>();
        for (var i = 0; i <= EndedExecutionCache<string>.Capacity; i++)
        {
            cache.Keep($"arn:{i}", ExecutionStatus.Succeeded, 1, $"value {i}");
        }

        cache.Keep("running", ExecutionStatus.Executing, 1, "not kept");

        cache.Count.ShouldBe(1);
        cache.Find($"arn:{EndedExecutionCache<string>.Capacity}", 1).ShouldBe($"value {EndedExecutionCache<string>.Capacity}");
        cache.Find($"arn:{EndedExecutionCache<string>.Capacity}", 2).ShouldBeNull();
        cache.Find("running", 1).ShouldBeNull();
    }
}
