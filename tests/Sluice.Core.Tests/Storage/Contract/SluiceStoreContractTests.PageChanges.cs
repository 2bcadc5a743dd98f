using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

/// <summary>
/// Pages list what is stored now: an ended execution's summary that changes after it was listed (UpdatePipelineExecution's
/// display name and description, a retry's status) is listed as changed, whichever store instance changed it. A backend
/// may keep the summaries it read (SQLite does); these tests fail if it serves one stale.
/// </summary>
public abstract partial class SluiceStoreContractTests
{
    [Fact]
    public async Task ListExecutionsPageAsync_EndedExecutionChangedByAnotherStore_ListsTheChange()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        var ended = NewExecution("p", "e1", status: ExecutionStatus.Failed) with { FailureReason = "boom", DisplayName = "before" };
        await Store.CreateExecutionAsync(ended, Ct);
        await Store.CreateExecutionAsync(NewExecution("p", "e0", T0.AddSeconds(-1), ExecutionStatus.Succeeded), Ct);
        (await OnlySummaryAsync("e1")).DisplayName.ShouldBe("before");
        (await OnlySummaryAsync("e1")).DisplayName.ShouldBe("before"); // read twice: kept, if the backend keeps summaries
        var other = await OpenStoreAsync();

        await other.UpdateExecutionAsync(ended with { DisplayName = "after", Description = "described" }, Ct);
        var renamed = await OnlySummaryAsync("e1");
        await other.UpdateExecutionAsync(ended with { DisplayName = "after", Description = "described", Status = ExecutionStatus.Executing, FailureReason = null }, Ct);
        var retried = await OnlySummaryAsync("e1");

        renamed.ShouldBe(new ExecutionSummary(ended.Arn, ExecutionStatus.Failed, T0, "after", "described", "boom"));
        retried.ShouldBe(new ExecutionSummary(ended.Arn, ExecutionStatus.Executing, T0, "after", "described", null));
    }

    [Fact]
    public async Task ListExecutionsPageAsync_EndedExecutionChangedThroughTheSameStore_ListsTheChange()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        var ended = NewExecution("p", "e1", status: ExecutionStatus.Stopped);
        await Store.CreateExecutionAsync(ended, Ct);
        (await OnlySummaryAsync("e1")).Description.ShouldBeNull();

        await Store.UpdateExecutionAsync(ended with { Description = "now described" }, Ct);

        (await OnlySummaryAsync("e1")).Description.ShouldBe("now described");
    }

    private async Task<ExecutionSummary> OnlySummaryAsync(string id)
    {
        var page = (await Store.ListExecutionsPageAsync(new ExecutionPageQuery("p"), Ct)).ShouldNotBeNull();
        return page.Executions.Single(e => e.Arn == ExecutionArn("p", id));
    }
}
