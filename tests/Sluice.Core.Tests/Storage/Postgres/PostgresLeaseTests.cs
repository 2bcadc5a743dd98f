using Sluice.Core.Storage;
using Sluice.Core.Storage.Postgres;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Postgres;

/// <summary>Execution leases on PostgreSQL: one holder at a time, expiry, takeover with a new fence, and fenced writes.</summary>
/// <param name="cluster">The assembly's PostgreSQL cluster.</param>
public sealed class PostgresLeaseTests(PostgresCluster cluster) : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private readonly string schema = "l_" + Guid.NewGuid().ToString("N");
    private PostgresStore serverA = null!;
    private PostgresStore serverB = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await cluster.StartAsync();
        var connection = await cluster.CreateSchemaAsync(schema);
        serverA = new PostgresStore(connection);
        serverB = new PostgresStore(connection);
        await serverA.InitializeAsync(Ct);
        await serverB.InitializeAsync(Ct);
        await serverA.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        await serverA.CreateExecutionAsync(NewExecution("p", "e"), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await serverA.DisposeAsync();
        await serverB.DisposeAsync();
        await cluster.DropSchemaAsync(schema);
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_HeldByAnother_RefusedUntilItExpiresThenTakenWithANewFence()
    {
        var arn = ExecutionArn("p", "e");

        (await serverA.TryAcquireLeaseAsync(arn, "A", T0, Lease, Ct)).ShouldBe(1);
        (await serverB.TryAcquireLeaseAsync(arn, "B", T0.AddSeconds(9), Lease, Ct)).ShouldBeNull();
        (await serverA.TryAcquireLeaseAsync(arn, "A", T0.AddSeconds(5), Lease, Ct)).ShouldBe(1);
        (await serverB.TryAcquireLeaseAsync(arn, "B", T0.AddSeconds(14), Lease, Ct)).ShouldBeNull();
        (await serverB.TryAcquireLeaseAsync(arn, "B", T0.AddSeconds(15), Lease, Ct)).ShouldBe(2);

        (await serverA.ListLeasesAsync(Ct)).ShouldBe([new ExecutionLease(arn, "B", 2, T0.AddSeconds(25))]);
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_TwentyServersAtOnce_ExactlyOneWins()
    {
        var arn = ExecutionArn("p", "e");

        var fences = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            (i % 2 == 0 ? serverA : serverB).TryAcquireLeaseAsync(arn, $"S{i}", T0, Lease, Ct))));

        fences.Count(f => f is not null).ShouldBe(1);
    }

    [Fact]
    public async Task RenewLeasesAsync_BeforeExpiry_KeepsTheLeaseAndAfterTakeoverReportsItLost()
    {
        var arn = ExecutionArn("p", "e");
        await serverA.TryAcquireLeaseAsync(arn, "A", T0, Lease, Ct);

        (await serverA.RenewLeasesAsync("A", "host-a", T0.AddSeconds(8), Lease, Ct)).ShouldBe([arn]);
        (await serverB.TryAcquireLeaseAsync(arn, "B", T0.AddSeconds(17), Lease, Ct)).ShouldBeNull();
        (await serverB.TryAcquireLeaseAsync(arn, "B", T0.AddSeconds(18), Lease, Ct)).ShouldBe(2);
        (await serverA.RenewLeasesAsync("A", "host-a", T0.AddSeconds(19), Lease, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListClaimableExecutionsAsync_UnleasedOrExpired_ListsOnlyThose()
    {
        var held = ExecutionArn("p", "e");
        await serverA.CreateExecutionAsync(NewExecution("p", "free", T0.AddSeconds(1)), Ct);
        await serverA.CreateExecutionAsync(NewExecution("p", "done", T0.AddSeconds(2), ExecutionStatus.Succeeded), Ct);
        await serverA.TryAcquireLeaseAsync(held, "A", T0, Lease, Ct);

        (await serverB.ListClaimableExecutionsAsync(T0.AddSeconds(5), 10, Ct)).ShouldBe([ExecutionArn("p", "free")]);
        (await serverB.ListClaimableExecutionsAsync(T0.AddSeconds(10), 10, Ct)).ShouldBe([held, ExecutionArn("p", "free")]);
    }

    [Fact]
    public async Task ReleaseLeaseAsync_ByHolder_LetsAnotherTakeItAtOnceWithTheNextFence()
    {
        var arn = ExecutionArn("p", "e");
        await serverA.TryAcquireLeaseAsync(arn, "A", T0, Lease, Ct);

        await serverB.ReleaseLeaseAsync(arn, "B", Ct); // not the holder: nothing changes
        (await serverB.TryAcquireLeaseAsync(arn, "B", T0.AddSeconds(1), Lease, Ct)).ShouldBeNull();
        await serverA.ReleaseLeaseAsync(arn, "A", Ct);

        (await serverB.TryAcquireLeaseAsync(arn, "B", T0.AddSeconds(1), Lease, Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task UpdateExecutionAsync_LeaseTakenOver_ThrowsLeaseLostAndWritesNothing()
    {
        var arn = ExecutionArn("p", "e");
        await serverA.TryAcquireLeaseAsync(arn, "A", T0, Lease, Ct);
        await serverA.UpdateExecutionAsync(NewExecution("p", "e") with { DisplayName = "while held" }, Ct);
        await serverB.TryAcquireLeaseAsync(arn, "B", T0.AddSeconds(11), Lease, Ct);

        await Should.ThrowAsync<LeaseLostException>(() =>
            serverA.UpdateExecutionAsync(NewExecution("p", "e", status: ExecutionStatus.Failed), Ct));
        (await serverA.TryUpdateExecutionAsync(NewExecution("p", "e", status: ExecutionStatus.Failed), [ExecutionStatus.Executing], Ct)
            .ContinueWith(t => t.Exception?.InnerException, TaskScheduler.Default)).ShouldBeOfType<LeaseLostException>();

        var stored = (await serverB.GetExecutionAsync(arn, Ct)).ShouldNotBeNull();
        stored.Status.ShouldBe(ExecutionStatus.Executing);
        stored.DisplayName.ShouldBe("while held");
        await serverB.UpdateExecutionAsync(stored with { Status = ExecutionStatus.Succeeded }, Ct); // the new holder writes
    }

    [Fact]
    public async Task SaveStepsAsync_OneLeaseTakenOver_DropsOnlyThatExecutionsSteps()
    {
        var lost = ExecutionArn("p", "e");
        var kept = ExecutionArn("p", "kept");
        await serverA.CreateExecutionAsync(NewExecution("p", "kept"), Ct);
        await serverA.TryAcquireLeaseAsync(lost, "A", T0, Lease, Ct);
        await serverA.TryAcquireLeaseAsync(kept, "A", T0.AddSeconds(20), Lease, Ct);
        await serverB.TryAcquireLeaseAsync(lost, "B", T0.AddSeconds(11), Lease, Ct);
        await serverB.SaveStepsAsync([NewStep(lost, "S", status: StepStatus.Succeeded)], Ct);

        await serverA.SaveStepsAsync([NewStep(lost, "S", status: StepStatus.Failed), NewStep(kept, "S")], Ct);

        (await serverB.ListStepsAsync(lost, Ct)).Single().Status.ShouldBe(StepStatus.Succeeded);
        (await serverB.ListStepsAsync(kept, Ct)).Single().Status.ShouldBe(StepStatus.Executing);
    }
}
