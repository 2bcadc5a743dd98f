using System.Text.Json.Nodes;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Core.Storage.Postgres;
using Sluice.Core.Tests.Storage.Postgres;
using Sluice.Core.Tests.Support;
using Sluice.Core.Watching;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Execution;

/// <summary>
/// Two engines (two servers) on one PostgreSQL store and one clock: leases decide which advances an execution, a dead
/// server's executions are taken over once its leases expire, and stops and Callback answers work from either server.
/// </summary>
/// <param name="cluster">The assembly's PostgreSQL cluster.</param>
public sealed class PipelineEngineLeaseTests(PostgresCluster cluster) : IAsyncLifetime
{
    private static readonly SluiceConfiguration Configuration = SluiceConfiguration.Empty with { LeaseDuration = TimeSpan.FromSeconds(9) };
    private readonly string schema = "e_" + Guid.NewGuid().ToString("N");
    private readonly string data = Directory.CreateTempSubdirectory("sluice-lease-").FullName;
    private readonly FakeTimeProvider time = new();
    private readonly List<IAsyncDisposable> owned = [];
    private string connection = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await cluster.StartAsync();
        connection = await cluster.CreateSchemaAsync(schema);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var each in Enumerable.Reverse(owned))
        {
            await each.DisposeAsync();
        }

        await cluster.DropSchemaAsync(schema);
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task Heartbeat_ServerDiesMidCallback_AnotherTakesOverAfterTheLeaseAndFinishes()
    {
        var (storeA, serverA) = await ServerAsync();
        var (storeB, serverB) = await ServerAsync();
        await serverA.SavePipelineAsync("p", Definition(Callback("Cb", outputs: [("n", "Integer")]), Fail("After", "done", "Cb")).ToJsonString(), null, null, null, null, Ct);
        var execution = await serverA.StartExecutionAsync(new StartExecutionRequest { PipelineName = "p" }, Ct);
        var token = await TokenAsync(storeB);
        (await storeB.ListLeasesAsync(Ct)).Single().Owner.ShouldBe(serverA.LeaseOwner);

        await serverA.DisposeAsync(); // server A dies: its lease is neither renewed nor released
        await storeA.DisposeAsync();
        await serverB.SendStepSuccessAsync(token, [new ParameterValue("n", "7")], Ct);
        var final = await UntilEndedAsync(storeB, execution.Arn);

        final.Status.ShouldBe(ExecutionStatus.Failed);
        final.FailureReason.ShouldBe("done");
        var steps = await storeB.ListStepsAsync(execution.Arn, Ct);
        steps.Single(s => s.StepName == "Cb").AttemptCount.ShouldBe(1);
        steps.Single(s => s.StepName == "Cb").PropertiesJson.ShouldBe("""{"OutputParameters": {"n": 7}}""");
        var leases = await storeB.ListLeasesAsync(Ct);
        for (var i = 0; i < 500 && leases.Count > 0; i++)
        {
            await Task.Delay(10, Ct); // released just after the final status is stored
            leases = await storeB.ListLeasesAsync(Ct);
        }

        leases.ShouldBeEmpty(); // released when it ended on B
    }

    [Fact]
    public async Task StartExecution_TwoServersManyStartsAndHeartbeats_EachExecutionRunsOnceOnOneServer()
    {
        var (storeA, serverA) = await ServerAsync();
        var (_, serverB) = await ServerAsync();
        await serverA.SavePipelineAsync("p", Definition(Callback("Cb")).ToJsonString(), null, null, null, null, Ct);

        var started = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            (i % 2 == 0 ? serverA : serverB).StartExecutionAsync(new StartExecutionRequest { PipelineName = "p" }, Ct))));
        for (var i = 0; i < 6; i++)
        {
            // Two heartbeats on each server, well within the 9 s lease however slowly they run: each looks for
            // unclaimed executions while the starts race, and none may run one that is running elsewhere.
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(30, Ct);
        }

        var tokens = new List<string>();
        for (var i = 0; i < 1_500 && tokens.Count < 30; i++)
        {
            tokens.AddRange((await storeA.ReceiveMessagesAsync("work-queue", 10, TimeSpan.FromHours(1), time.GetUtcNow(), Ct))
                .Select(m => JsonNode.Parse(m.Body)!["token"]!.GetValue<string>()));
            await Task.Delay(10, Ct);
        }

        tokens.Count.ShouldBe(30); // one Callback message per execution: none ran on two servers
        var leases = await storeA.ListLeasesAsync(Ct);
        leases.Select(l => l.ExecutionArn).Order().ShouldBe(started.Select(e => e.Arn).Order());
        leases.ShouldAllBe(l => l.Fence == 1);
        foreach (var token in tokens)
        {
            await (tokens.IndexOf(token) % 2 == 0 ? serverB : serverA).SendStepSuccessAsync(token, [], Ct);
        }

        foreach (var execution in started)
        {
            (await UntilEndedAsync(storeA, execution.Arn)).Status.ShouldBe(ExecutionStatus.Succeeded);
        }

        (await storeA.ReceiveMessagesAsync("work-queue", 10, TimeSpan.FromHours(1), time.GetUtcNow(), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StopExecution_SentToTheOtherServer_StopsTheRunWhereItRuns()
    {
        var (storeA, serverA) = await ServerAsync();
        var (_, serverB) = await ServerAsync();
        await serverA.SavePipelineAsync("p", Definition(Callback("Cb"), Callback("After", dependsOn: "Cb")).ToJsonString(), null, null, null, null, Ct);
        var execution = await serverA.StartExecutionAsync(new StartExecutionRequest { PipelineName = "p" }, Ct);
        var token = await TokenAsync(storeA);

        (await serverB.StopExecutionAsync(execution.Arn, Ct)).Status.ShouldBe(ExecutionStatus.Stopping);
        var stopping = await MessageAsync(storeA); // server A passes the stop on to its running Callback step
        stopping["status"]!.GetValue<string>().ShouldBe("Stopping");
        await serverB.SendStepSuccessAsync(token, [], Ct);

        (await UntilEndedAsync(storeA, execution.Arn)).Status.ShouldBe(ExecutionStatus.Stopped);
    }

    [Fact]
    public async Task WatchAsync_ExecutionRunOnAnotherServer_WatchersHereSeeItsStepsAndEnd()
    {
        var (storeA, serverA) = await ServerAsync();
        var (_, serverB) = await ServerAsync();
        await serverA.SavePipelineAsync("p", Definition(Callback("Cb"), Fail("After", "done", "Cb")).ToJsonString(), null, null, null, null, Ct);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        watching.CancelAfter(TimeSpan.FromSeconds(60));
        var seen = new List<ExecutionChange>();
        var ended = new TaskCompletionSource();
        var watcher = Task.Run(
            async () =>
            {
                await foreach (var change in serverB.WatchAsync(cancellationToken: watching.Token))
                {
                    lock (seen)
                    {
                        seen.Add(change);
                    }

                    if (change.Execution?.Status == ExecutionStatus.Failed)
                    {
                        ended.TrySetResult();
                    }
                }
            },
            Ct);
        await Task.Delay(500, Ct); // B listens

        var execution = await serverA.StartExecutionAsync(new StartExecutionRequest { PipelineName = "p" }, Ct);
        await serverA.SendStepSuccessAsync(await TokenAsync(storeA), [], Ct);
        for (var i = 0; i < 1_500 && !ended.Task.IsCompleted; i++)
        {
            await Task.Delay(20, Ct);
            time.Advance(TimeSpan.FromMilliseconds(200)); // the Callback step polls for its answer on this clock
        }

        await watching.CancelAsync();
        await watcher;

        lock (seen)
        {
            ended.Task.IsCompleted.ShouldBeTrue(string.Join("; ", seen.Select(c => $"{c.Kind} {c.Execution?.Status} {c.Step?.StepName} {c.Step?.Status}")));
        }

        lock (seen)
        {
            seen.ShouldNotContain(c => c.ExecutionArn != null && c.ExecutionArn != execution.Arn);
            seen.ShouldContain(c => c.Step != null && c.Step.StepName == "Cb" && c.Step.Status == StepStatus.Succeeded);
            seen.ShouldContain(c => c.Step != null && c.Step.StepName == "After" && c.Step.Status == StepStatus.Failed);
            seen.Last(c => c.Execution != null).Execution!.FailureReason.ShouldBe("done");
        }

        serverA.WatcherCount.ShouldBe(0); // nobody watches on A: it ran everything itself
    }

    [Fact]
    public async Task WatchAsync_SignalsLostWhenTheListenConnectionDrops_WatchersAreToldToResync()
    {
        var (_, serverB) = await ServerAsync();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        watching.CancelAfter(TimeSpan.FromSeconds(60));
        var resyncs = 0;
        var second = new TaskCompletionSource();
        var watcher = Task.Run(
            async () =>
            {
                await foreach (var change in serverB.WatchAsync(cancellationToken: watching.Token))
                {
                    if (change.Kind == ChangeKind.Resync && Interlocked.Increment(ref resyncs) >= 2)
                    {
                        second.TrySetResult();
                    }
                }
            },
            Ct);
        await Task.Delay(500, Ct); // B listens

        await cluster.ExecuteAsync(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN sluice_changes%' AND pid <> pg_backend_pid() AND application_name = '{schema}';");
        await second.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct); // the first on watching, the second after listening again
        await watching.CancelAsync();
        await watcher;
    }

    [Fact]
    public async Task SendStepSuccess_OnTheOtherServer_WakesTheWaitingStepWithoutTheClockMoving()
    {
        var recheck = TimeSpan.FromHours(1);
        var (_, serverA) = await ServerAsync(recheck, Directory.CreateDirectory(Path.Combine(data, "a")).FullName);
        var (storeB, serverB) = await ServerAsync(recheck, Directory.CreateDirectory(Path.Combine(data, "b")).FullName);
        await serverA.SavePipelineAsync("p", Definition(Callback("Cb", outputs: [("n", "Integer")])).ToJsonString(), null, null, null, null, Ct);
        var execution = await serverA.StartExecutionAsync(new StartExecutionRequest { PipelineName = "p" }, Ct);
        var token = await TokenAsync(storeB);
        var before = time.GetUtcNow();
        await Task.Delay(300, Ct); // both servers listen

        await serverB.SendStepSuccessAsync(token, [new ParameterValue("n", "5")], Ct);

        for (var i = 0; i < 1_000 && (await storeB.GetExecutionAsync(execution.Arn, Ct))!.Status == ExecutionStatus.Executing; i++)
        {
            await Task.Delay(10, Ct); // real time only: the fake clock stays put, so only the signal can wake server A
        }

        (await storeB.GetExecutionAsync(execution.Arn, Ct))!.Status.ShouldBe(ExecutionStatus.Succeeded);
        time.GetUtcNow().ShouldBe(before);
    }

    private async Task<(PostgresStore Store, PipelineEngine Engine)> ServerAsync(TimeSpan? recheck = null, string? dataDirectory = null)
    {
        var store = new PostgresStore(new Npgsql.NpgsqlConnectionStringBuilder(connection) { ApplicationName = schema }.ConnectionString);
        owned.Add(store);
        await store.InitializeAsync(Ct);
        var engine = new PipelineEngine(
            store, new EngineOptions { DataDirectory = dataDirectory ?? data, CallbackPollInterval = recheck ?? TimeSpan.FromSeconds(1) }, Configuration, time);
        owned.Add(engine);
        return (store, engine);
    }

    private async Task<string> TokenAsync(PostgresStore store) => (await MessageAsync(store))["token"]!.GetValue<string>();

    private async Task<JsonNode> MessageAsync(PostgresStore store)
    {
        for (var i = 0; i < 2_000; i++)
        {
            var messages = await store.ReceiveMessagesAsync("work-queue", 1, TimeSpan.FromHours(1), time.GetUtcNow(), Ct);
            if (messages.Count > 0)
            {
                return JsonNode.Parse(messages[0].Body)!;
            }

            await Task.Delay(5, Ct);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        throw new TimeoutException("no Callback message arrived");
    }

    private async Task<ExecutionRecord> UntilEndedAsync(PostgresStore store, string arn)
    {
        for (var i = 0; i < 2_000; i++)
        {
            var record = (await store.GetExecutionAsync(arn, Ct)).ShouldNotBeNull();
            if (record.Status is ExecutionStatus.Succeeded or ExecutionStatus.Failed or ExecutionStatus.Stopped)
            {
                return record;
            }

            await Task.Delay(5, Ct);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        throw new TimeoutException($"{arn} never ended");
    }
}
