using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;

namespace Sluice.Core.Tests.Storage;

/// <summary>Migrations of files written by older versions.</summary>
public sealed partial class SqliteExecutionStoreTests
{
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

        var opened = Track(new SqliteExecutionStore(old));
        await opened.InitializeAsync(Ct);

        (await opened.ListUnfinishedExecutionsAsync(Ct)).Select(e => e.Arn).ShouldBe(["arn:kept/execution/a"]);
        (await opened.ListStepsAsync("arn:gone/execution/b", Ct)).ShouldBeEmpty();
        (await opened.GetCallbackAsync("tok", Ct)).ShouldBeNull();
        (await opened.GetPipelineAsync("kept", 1, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task InitializeAsync_ExecutionsStoredBeforeExperimentConfigs_DescribedWithTheSdkDefault()
    {
        var old = Path.Combine(dataDirectory, "before-experiments");
        Directory.CreateDirectory(old);
        var before = SqliteMigrations.Scripts.ToList().FindIndex(script => script.Contains("ADD COLUMN experiment_name", StringComparison.Ordinal));
        await using (var connection = await OpenRawAsync(Path.Combine(old, SqliteExecutionStore.FileName)))
        {
            await ExecuteAsync(connection, "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_time TEXT NOT NULL);");
            for (var version = 0; version < before; version++)
            {
                await ExecuteAsync(connection, SqliteMigrations.Scripts[version]);
                await ExecuteAsync(connection, $"INSERT INTO schema_version VALUES ({version + 1}, 'x');");
            }

            await ExecuteAsync(connection, """
                INSERT INTO pipelines (name, version, arn, definition_text, creation_time, last_modified_time)
                VALUES ('kept', 1, 'arn:kept', '{}', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
                INSERT INTO executions (arn, execution_id, pipeline_name, pipeline_arn, pipeline_version, status,
                                        parameters_json, creation_time, last_modified_time)
                VALUES ('arn:kept/execution/a', 'a', 'kept', 'arn:kept', 1, 'Succeeded', '[]', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
                """);
        }

        var opened = Track(new SqliteExecutionStore(old));
        await opened.InitializeAsync(Ct);

        (await opened.GetExecutionAsync("arn:kept/execution/a", Ct)).ShouldNotBeNull().Experiment.ShouldBe(new ExecutionExperiment("kept", "a"));
    }
}
