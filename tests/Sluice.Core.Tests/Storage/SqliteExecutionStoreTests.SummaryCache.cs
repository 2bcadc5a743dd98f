using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage;

/// <summary>SQLite keeps the summaries of ended executions it listed (<see cref="ExecutionSummaryCache"/>).</summary>
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
    public void ExecutionSummaryCache_Full_IsEmptiedAndKeepsTheNewest()
    {
        var cache = new ExecutionSummaryCache();
        for (var i = 0; i <= ExecutionSummaryCache.Capacity; i++)
        {
            cache.Keep(new ExecutionSummary($"arn:{i}", ExecutionStatus.Succeeded, T0, null, null, null), 1);
        }

        cache.Count.ShouldBe(1);
        cache.Find($"arn:{ExecutionSummaryCache.Capacity}", 1).ShouldNotBeNull();
        cache.Find($"arn:{ExecutionSummaryCache.Capacity}", 2).ShouldBeNull();
    }
}
