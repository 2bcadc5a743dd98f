using Dapper;
using Microsoft.Data.Sqlite;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage;

/// <summary>
/// Group commit: writes queued while a transaction is being written share the next one, each in its own savepoint.
/// A write held open on a gate keeps the writer busy while the others queue up, so the batches are deterministic.
/// </summary>
public sealed partial class SqliteExecutionStoreTests
{
    private readonly List<TaskCompletionSource> openGates = [];

    [Fact]
    public async Task WriteAsync_TwentyWritesQueuedBehindABusyWriter_ShareOneCommit()
    {
        var (gate, blocker) = await BlockWriterAsync();
        var before = Sqlite.CommittedTransactions;

        var creates = Enumerable.Range(0, 20).Select(i => Store.CreateExecutionAsync(NewExecution("p", $"e{i:D2}"), Ct)).ToList();
        await WaitUntilQueuedAsync(20);
        gate.SetResult();
        await blocker;
        await Task.WhenAll(creates);

        (Sqlite.CommittedTransactions - before).ShouldBe(2); // the blocker's, then all twenty in one
        (await Store.ListExecutionsAsync("p", Ct)).Count.ShouldBe(20);
    }

    [Fact]
    public async Task WriteAsync_WriteConnection_KeepsStatementJournalsInMemory()
    {
        // 2 is MEMORY: the page copies each write's savepoint keeps never go to a temporary file (two pwrites a page).
        var tempStore = await Sqlite.WriteAsync(
            (connection, transaction) => connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA temp_store", transaction: transaction, cancellationToken: Ct)),
            Ct);

        tempStore.ShouldBe(2);
    }

    [Fact]
    public async Task SaveStepsWithJobs_StepsAndJobs_AreOneCommit()
    {
        await Store.CreateExecutionAsync(NewExecution("p", "e1"), Ct);
        var before = Sqlite.CommittedTransactions;
        var job = new JobRecord(JobKind.Processing, "job", "arn:job", "InProgress", ExecutionArn("p", "e1"), "A", null, "{}", T0, T0);

        await Store.SaveStepsAsync([NewStep(ExecutionArn("p", "e1"), "A"), NewStep(ExecutionArn("p", "e1"), "B")], [job], Ct);

        (Sqlite.CommittedTransactions - before).ShouldBe(1);
    }

    [Fact]
    public async Task StartExecutionWithToken_TokenExecutionAndSteps_AreOneCommit()
    {
        var pipeline = (await Store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        var execution = NewExecution("p", "e1");
        var before = Sqlite.CommittedTransactions;

        var started = await Store.StartExecutionAsync(
            execution,
            pipeline.DefinitionText,
            [NewStep(execution.Arn, "A")],
            new ClientTokenWrite(new ClientTokenRecord("StartPipelineExecution", "tok", "{}", "{\"arn\":1}", T0), T0.AddSeconds(-30), T0.AddDays(-1)),
            Ct);

        started.Stored.ShouldBeTrue();
        (Sqlite.CommittedTransactions - before).ShouldBe(1);
        (await Store.GetClientTokenAsync("StartPipelineExecution", "tok", Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task StartExecutionWithToken_SixteenStartsQueuedBehindABusyWriter_ShareOneCommit()
    {
        var pipeline = (await Store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        var (gate, blocker) = await BlockWriterAsync();
        var before = Sqlite.CommittedTransactions;

        var starts = Enumerable.Range(0, 16).Select(i => Store.StartExecutionAsync(
            NewExecution("p", $"e{i:D2}"),
            pipeline.DefinitionText,
            [NewStep(ExecutionArn("p", $"e{i:D2}"), "A")],
            new ClientTokenWrite(new ClientTokenRecord("StartPipelineExecution", $"tok{i}", "{}", "{}", T0), T0.AddSeconds(-30), T0.AddDays(-1)),
            Ct)).ToList();
        await WaitUntilQueuedAsync(16);
        gate.SetResult();
        await blocker;
        var outcomes = await Task.WhenAll(starts);

        outcomes.ShouldAllBe(o => o.Stored);
        (Sqlite.CommittedTransactions - before).ShouldBe(2); // the blocker's, then all sixteen starts with their tokens in one
    }

    [Fact]
    public async Task WriteAsync_OneWriteOfABatchFails_OnlyItsCallerGetsTheErrorAndTheOthersAreCommitted()
    {
        await Store.CreateExecutionAsync(NewExecution("p", "taken"), Ct);
        var (gate, blocker) = await BlockWriterAsync();
        var before = Sqlite.CommittedTransactions;

        var first = Store.CreateExecutionAsync(NewExecution("p", "e1"), Ct);
        var duplicate = Store.CreateExecutionAsync(NewExecution("p", "taken", T0.AddDays(1)), Ct);
        var last = Store.SaveStepsAsync([NewStep(ExecutionArn("p", "e1"), "A")], Ct); // sees e1, written before it in the batch
        await WaitUntilQueuedAsync(3);
        gate.SetResult();
        await blocker;

        await first;
        await last;
        await Should.ThrowAsync<SqliteException>(() => duplicate);
        (Sqlite.CommittedTransactions - before).ShouldBe(2);
        (await Store.GetExecutionAsync(ExecutionArn("p", "taken"), Ct)).ShouldNotBeNull().CreationTime.ShouldBe(T0);
        (await Store.ListStepsAsync(ExecutionArn("p", "e1"), Ct)).ShouldHaveSingleItem().StepName.ShouldBe("A");
    }

    [Fact]
    public async Task WriteAsync_AWriteEndsTheSharedTransaction_TheOthersAreWrittenAgainAndCommitted()
    {
        var (gate, blocker) = await BlockWriterAsync();

        var first = Store.CreateExecutionAsync(NewExecution("p", "e1"), Ct);
        var breaking = Sqlite.WriteAsync<bool>(
            async (connection, transaction) =>
            {
                // As SQLite does on an I/O error or a full disk: the whole transaction is rolled back.
                await connection.ExecuteAsync(new CommandDefinition("ROLLBACK;", transaction: transaction, cancellationToken: Ct));
                throw new InvalidOperationException("disk gone");
            },
            Ct);
        var last = Store.CreateExecutionAsync(NewExecution("p", "e2"), Ct);
        await WaitUntilQueuedAsync(3);
        gate.SetResult();
        await blocker;

        await first;
        await last;
        (await Should.ThrowAsync<InvalidOperationException>(() => breaking)).Message.ShouldBe("disk gone");
        (await Store.ListExecutionsAsync("p", Ct)).Select(e => e.ExecutionId).Order().ShouldBe(["e1", "e2"]);
    }

    [Fact]
    public async Task WriteAsync_CancelledWhileQueued_IsCancelledAndNeverWritten()
    {
        var (gate, blocker) = await BlockWriterAsync();
        using var cancel = new CancellationTokenSource();

        var cancelled = Store.CreateExecutionAsync(NewExecution("p", "e1"), cancel.Token);
        var kept = Store.CreateExecutionAsync(NewExecution("p", "e2"), Ct);
        await WaitUntilQueuedAsync(2);
        await cancel.CancelAsync();
        gate.SetResult();
        await blocker;
        await kept;

        await Should.ThrowAsync<OperationCanceledException>(() => cancelled);
        (await Store.GetExecutionAsync(ExecutionArn("p", "e1"), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task WriteAsync_ManyConcurrentWriters_EveryWriteIsCommittedOnce()
    {
        var before = (Transactions: Sqlite.CommittedTransactions, Writes: Sqlite.CommittedWrites);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var execution = NewExecution("p", $"e{i:D3}", T0.AddSeconds(i));
            await Store.CreateExecutionAsync(execution, Ct);
            await Store.UpdateExecutionAsync(execution with { Status = ExecutionStatus.Succeeded }, Ct);
        })));

        (Sqlite.CommittedWrites - before.Writes).ShouldBe(400);
        (Sqlite.CommittedTransactions - before.Transactions).ShouldBeInRange(1, 400);
        (await Store.ListExecutionsAsync("p", Ct)).ShouldAllBe(e => e.Status == ExecutionStatus.Succeeded);
        (await Store.ListExecutionsAsync("p", Ct)).Count.ShouldBe(200);
    }

    [Fact]
    public async Task DisposeAsync_WritesStillQueued_AreWrittenFirst()
    {
        var (gate, blocker) = await BlockWriterAsync();
        var queued = Store.CreateExecutionAsync(NewExecution("p", "e1"), Ct);
        await WaitUntilQueuedAsync(1);

        var disposing = Store.DisposeAsync().AsTask();
        gate.SetResult();
        await blocker;
        await queued;
        await disposing;

        var reopened = await OpenStoreAsync();
        (await reopened.GetExecutionAsync(ExecutionArn("p", "e1"), Ct)).ShouldNotBeNull();
    }

    /// <summary>
    /// Starts a write that holds the writer until the gate opens; returns once the writer runs it. The gate opens at
    /// the latest when the test ends, so that a failing test does not leave the store unable to close.
    /// </summary>
    private async Task<(TaskCompletionSource Gate, Task<bool> Blocker)> BlockWriterAsync()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TestContext.Current.CancellationToken.Register(() => gate.TrySetResult());
        openGates.Add(gate);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = Sqlite.WriteAsync(
            async (_, _) =>
            {
                running.SetResult();
                await gate.Task;
                return true;
            },
            Ct);
        await running.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        return (gate, blocker);
    }

    private async Task WaitUntilQueuedAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Sqlite.QueuedWrites < count)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"{Sqlite.QueuedWrites} writes queued, expected {count}");
            await Task.Delay(5, Ct);
        }
    }
}
