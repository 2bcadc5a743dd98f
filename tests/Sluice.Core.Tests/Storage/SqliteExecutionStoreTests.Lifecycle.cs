using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage;

/// <summary>
/// The pipeline lifecycle's atomic writes: create if absent, update on top of the latest version, delete unless an
/// execution runs, start only while the pipeline version is stored, and retry only from Failed or Stopped; each also
/// under concurrency.
/// </summary>
public sealed partial class SqliteExecutionStoreTests
{
    [Fact]
    public async Task CreatePipelineAsync_NewName_StoresVersionOne()
    {
        var created = await store.CreatePipelineAsync(NewPipeline("p") with { Version = 7 }, Ct);

        created.ShouldNotBeNull().Version.ShouldBe(1);
        (await store.GetPipelineAsync("p", null, Ct)).ShouldBe(created);
    }

    [Fact]
    public async Task CreatePipelineAsync_NameTaken_ReturnsNullAndKeepsTheStoredPipeline()
    {
        var first = await store.CreatePipelineAsync(NewPipeline("p"), Ct);

        var second = await store.CreatePipelineAsync(NewPipeline("p", T0.AddDays(1), "{\"other\":true}"), Ct);

        second.ShouldBeNull();
        (await store.ListPipelineVersionsAsync("p", Ct)).ShouldBe([first!]);
    }

    [Fact]
    public async Task CreatePipelineAsync_TwentyConcurrentOnTwoStoresOfOneFile_ExactlyOneStores()
    {
        var other = await OpenStoreAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            (i % 2 == 0 ? store : other).CreatePipelineAsync(NewPipeline("p", definition: $"{{\"n\":{i}}}"), Ct))));

        var winner = created.OfType<PipelineRecord>().ShouldHaveSingleItem();
        (await store.ListPipelineVersionsAsync("p", Ct)).ShouldBe([winner]);
    }

    [Fact]
    public async Task UpdatePipelineAsync_ExistingPipeline_AddsTheNextVersionFromTheLatest()
    {
        await store.CreatePipelineAsync(NewPipeline("p") with { Description = "kept" }, Ct);
        PipelineRecord? seen = null;

        var updated = await store.UpdatePipelineAsync(
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
        (await store.GetPipelineAsync("p", null, Ct)).ShouldBe(updated);
    }

    [Fact]
    public async Task UpdatePipelineAsync_MissingPipeline_ReturnsNullAndStoresNothing()
    {
        var called = false;

        var updated = await store.UpdatePipelineAsync("p", latest => { called = true; return latest; }, Ct);

        updated.ShouldBeNull();
        called.ShouldBeFalse();
        (await store.ListPipelinesAsync(Ct)).ShouldBeEmpty("an update never creates a pipeline, e.g. one deleted meanwhile");
    }

    [Fact]
    public async Task UpdatePipelineAsync_TwentyConcurrent_EachBuildsOnThePreviousVersion()
    {
        await store.CreatePipelineAsync(NewPipeline("p") with { Description = string.Empty }, Ct);

        var updated = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            store.UpdatePipelineAsync("p", latest => latest with { Description = $"{latest.Description}[{i}]" }, Ct))));

        updated.Select(p => p!.Version).Order().ShouldBe(Enumerable.Range(2, 20).Select(v => (long)v));
        var latest = (await store.GetPipelineAsync("p", null, Ct)).ShouldNotBeNull();
        Enumerable.Range(0, 20).ShouldAllBe(i => latest.Description!.Contains($"[{i}]"), "no update is lost");
    }

    [Theory]
    [InlineData(ExecutionStatus.Executing)]
    [InlineData(ExecutionStatus.Stopping)]
    public async Task DeletePipelineAsync_UnfinishedExecution_RefusesAndKeepsEverything(ExecutionStatus status)
    {
        await store.CreatePipelineAsync(NewPipeline("p"), Ct);
        var running = NewExecution("p", "e1", status: status);
        await store.CreateExecutionAsync(running, Ct);

        var deletion = await store.DeletePipelineAsync("p", Ct);

        deletion.ShouldBe(new PipelineDeletion(PipelineDeletionOutcome.HasUnfinishedExecutions, PipelineArn("p")));
        (await store.GetPipelineAsync("p", null, Ct)).ShouldNotBeNull();
        (await store.GetExecutionAsync(running.Arn, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task StartExecutionAsync_PipelineVersionStored_StoresTheExecutionWithItsSteps()
    {
        var pipeline = (await store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        var execution = NewExecution("p", "e1");

        var started = await store.StartExecutionAsync(execution, pipeline.DefinitionText, [NewStep(execution.Arn, "A", status: StepStatus.Succeeded)], Ct);

        started.ShouldBeTrue();
        ShouldMatch((await store.GetExecutionAsync(execution.Arn, Ct)).ShouldNotBeNull(), execution);
        (await store.ListStepsAsync(execution.Arn, Ct)).Single().StepName.ShouldBe("A");
    }

    [Fact]
    public async Task StartExecutionAsync_PipelineDeleted_StoresNothing()
    {
        var pipeline = (await store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        await store.DeletePipelineAsync("p", Ct);
        var execution = NewExecution("p", "e1");

        var started = await store.StartExecutionAsync(execution, pipeline.DefinitionText, [NewStep(execution.Arn, "A")], Ct);

        started.ShouldBeFalse();
        (await store.GetExecutionAsync(execution.Arn, Ct)).ShouldBeNull();
        (await store.ListStepsAsync(execution.Arn, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StartExecutionAsync_PipelineCreatedAgainWithAnotherDefinition_StoresNothing()
    {
        var read = (await store.CreatePipelineAsync(NewPipeline("p", definition: "{\"old\":true}"), Ct))!;
        await store.DeletePipelineAsync("p", Ct);
        await store.CreatePipelineAsync(NewPipeline("p", definition: "{\"new\":true}"), Ct);

        var started = await store.StartExecutionAsync(NewExecution("p", "e1"), read.DefinitionText, [], Ct);

        started.ShouldBeFalse("version 1 now holds another definition than the one the start read and would run");
    }

    [Fact]
    public async Task StartExecutionAsync_RacingDeletePipeline_EitherStartsFirstAndTheDeleteIsRefusedOrStoresNothing()
    {
        for (var round = 0; round < 10; round++)
        {
            var name = $"p{round}";
            var pipeline = (await store.CreatePipelineAsync(NewPipeline(name), Ct))!;

            var starts = Enumerable.Range(0, 8)
                .Select(i => Task.Run(() => store.StartExecutionAsync(NewExecution(name, $"e{i}"), pipeline.DefinitionText, [], Ct)))
                .ToList();
            var deletion = await Task.Run(() => store.DeletePipelineAsync(name, Ct));
            var started = await Task.WhenAll(starts);

            var stored = await store.ListExecutionsAsync(name, Ct);
            stored.Count.ShouldBe(started.Count(s => s), $"round {round}");
            if (deletion.Outcome == PipelineDeletionOutcome.Deleted)
            {
                stored.ShouldBeEmpty($"round {round}: starts after the delete store nothing, starts before it would have refused it");
            }
            else
            {
                deletion.Outcome.ShouldBe(PipelineDeletionOutcome.HasUnfinishedExecutions);
                (await store.GetPipelineAsync(name, 1, Ct)).ShouldNotBeNull();
            }
        }
    }

    [Fact]
    public async Task TryUpdateExecutionAsync_ExpectedStatus_ReplacesTheRecord()
    {
        var failed = NewExecution("p", "e1", status: ExecutionStatus.Failed);
        await store.CreateExecutionAsync(failed, Ct);
        var retried = failed with { Status = ExecutionStatus.Executing, LastModifiedTime = T0.AddMinutes(1) };

        var replaced = await store.TryUpdateExecutionAsync(retried, [ExecutionStatus.Failed, ExecutionStatus.Stopped], Ct);

        replaced.ShouldBeTrue();
        ShouldMatch((await store.GetExecutionAsync(failed.Arn, Ct)).ShouldNotBeNull(), retried);
    }

    [Fact]
    public async Task TryUpdateExecutionAsync_OtherStatusOrMissing_ChangesNothing()
    {
        var running = NewExecution("p", "e1");
        await store.CreateExecutionAsync(running, Ct);

        var fromRunning = await store.TryUpdateExecutionAsync(running with { DisplayName = "x" }, [ExecutionStatus.Failed], Ct);
        var missing = await store.TryUpdateExecutionAsync(NewExecution("p", "gone"), [ExecutionStatus.Executing], Ct);

        (fromRunning, missing).ShouldBe((false, false));
        ShouldMatch((await store.GetExecutionAsync(running.Arn, Ct)).ShouldNotBeNull(), running);
        (await store.GetExecutionAsync(ExecutionArn("p", "gone"), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task TryUpdateExecutionAsync_EightConcurrentRetries_ExactlyOneWins()
    {
        var failed = NewExecution("p", "e1", status: ExecutionStatus.Failed);
        await store.CreateExecutionAsync(failed, Ct);

        var won = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.TryUpdateExecutionAsync(
            failed with { Status = ExecutionStatus.Executing, DisplayName = $"retry-{i}" }, [ExecutionStatus.Failed], Ct))));

        won.Count(w => w).ShouldBe(1);
        (await store.GetExecutionAsync(failed.Arn, Ct))!.DisplayName.ShouldBe($"retry-{Array.IndexOf(won, true)}");
    }

    [Fact]
    public async Task InitializeAsync_SchemaFourWithExecutionsOfDeletedPipelines_DeletesThemWithTheirStepsAndTokens()
    {
        var old = Path.Combine(dataDirectory, "schema-4");
        Directory.CreateDirectory(old);
        await using (var connection = await OpenRawAsync(Path.Combine(old, SqliteExecutionStore.FileName)))
        {
            await ExecuteAsync(connection, "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_time TEXT NOT NULL);");
            for (var version = 0; version < 4; version++)
            {
                await ExecuteAsync(connection, SqliteMigrations.Scripts[version]);
                await ExecuteAsync(connection, $"INSERT INTO schema_version VALUES ({version + 1}, 'x');");
            }

            await ExecuteAsync(connection, """
                INSERT INTO pipelines (name, version, arn, definition_text, creation_time, last_modified_time)
                VALUES ('kept', 1, 'arn:kept', '{}', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
                INSERT INTO executions (arn, execution_id, pipeline_name, pipeline_arn, pipeline_version, status,
                                        parameters_json, creation_time, last_modified_time)
                VALUES ('arn:kept/execution/a', 'a', 'kept', 'arn:kept', 1, 'Executing', '[]', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z'),
                       ('arn:gone/execution/b', 'b', 'gone', 'arn:gone', 1, 'Executing', '[]', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
                INSERT INTO steps (execution_arn, step_name, step_type, status, attempt_count)
                VALUES ('arn:gone/execution/b', 'S', 'Callback', 'Executing', 1);
                INSERT INTO callbacks (token, execution_arn, step_name, status, creation_time)
                VALUES ('tok', 'arn:gone/execution/b', 'S', 'Pending', '2026-01-01T00:00:00.0000000Z');
                """);
        }

        var opened = new SqliteExecutionStore(old);
        stores.Add(opened);
        await opened.InitializeAsync(Ct);

        (await opened.ListUnfinishedExecutionsAsync(Ct)).Select(e => e.Arn).ShouldBe(["arn:kept/execution/a"]);
        (await opened.ListStepsAsync("arn:gone/execution/b", Ct)).ShouldBeEmpty();
        (await opened.GetCallbackAsync("tok", Ct)).ShouldBeNull();
        (await opened.GetPipelineAsync("kept", 1, Ct)).ShouldNotBeNull();
    }
}
