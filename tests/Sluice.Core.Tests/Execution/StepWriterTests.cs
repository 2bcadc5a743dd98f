using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;
using Sluice.Core.Watching;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Execution;

/// <summary>
/// The engine's StepWriter over a real SQLite store: a job step's Starting and Executing records and its job's
/// InProgress record wait for the save that follows them (the job's handle) and share its commit; alone, they are
/// written after a short delay or at a flush.
/// </summary>
public sealed class StepWriterTests : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "sluice-stepwriter-tests", Guid.NewGuid().ToString("N"));
    private readonly string arn = ExecutionArn("p", "e1");
    private SqliteExecutionStore store = null!;
    private StepWriter writer = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        store = new SqliteExecutionStore(dataDirectory);
        await store.InitializeAsync(Ct);
        await store.CreateExecutionAsync(NewExecution("p", "e1"), Ct);
        // A long delay: the records saved together below must not be written apart on a busy machine.
        writer = new StepWriter(store, new ChangeFeed(), TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync();
        await store.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task SaveLaterAsync_FollowedByTheHandlesSave_AllShareOneCommit()
    {
        var before = store.CommittedTransactions;

        var starting = writer.SaveLaterAsync(NewStep(arn, "A", status: StepStatus.Starting), Ct);
        var executing = writer.SaveLaterAsync(NewStep(arn, "A"), Ct);
        var job = writer.SaveJobAsync(new JobRecord(JobKind.Processing, "job", "arn:job", "InProgress", arn, "A", null, "{}", T0, T0), Ct);
        await writer.SaveAsync(NewStep(arn, "A") with { JobJson = "{\"host\":\"local\",\"id\":\"1\"}" }, Ct);
        await Task.WhenAll(starting, executing, job);

        (store.CommittedTransactions - before).ShouldBe(1);
        (await store.ListStepsAsync(arn, Ct)).ShouldHaveSingleItem().JobJson.ShouldNotBeNull();
        (await store.GetJobAsync(JobKind.Processing, "job", Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task SaveLaterAsync_NothingFollows_IsWrittenAfterTheDelay()
    {
        await using var quick = new StepWriter(store, new ChangeFeed(), TimeSpan.FromMilliseconds(20));

        await quick.SaveLaterAsync(NewStep(arn, "A"), Ct);

        (await store.ListStepsAsync(arn, Ct)).ShouldHaveSingleItem().Status.ShouldBe(StepStatus.Executing);
    }

    [Fact]
    public async Task FlushAsync_NothingWaiting_CompletesAtOnceWithoutACommit()
    {
        await writer.SaveAsync(NewStep(arn, "A"), Ct);
        var before = store.CommittedTransactions;

        var flush = writer.FlushAsync(Ct);

        flush.IsCompletedSuccessfully.ShouldBeTrue();
        await flush;
        (store.CommittedTransactions - before).ShouldBe(0);
    }

    [Fact]
    public async Task FlushAsync_RecordsWaiting_WritesThemInOneCommit()
    {
        var before = store.CommittedTransactions;

        var waiting = new[] { writer.SaveLaterAsync(NewStep(arn, "A"), Ct), writer.SaveLaterAsync(NewStep(arn, "B"), Ct) };
        await writer.FlushAsync(Ct);
        await Task.WhenAll(waiting);

        (store.CommittedTransactions - before).ShouldBe(1);
        (await store.ListStepsAsync(arn, Ct)).Count.ShouldBe(2);
    }
}
