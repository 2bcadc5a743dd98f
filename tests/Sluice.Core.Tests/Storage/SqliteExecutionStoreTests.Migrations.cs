using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;

namespace Sluice.Core.Tests.Storage;

/// <summary>Migrations of files written by older versions.</summary>
public sealed partial class SqliteExecutionStoreTests
{
    [Fact]
    public async Task InitializeAsync_SchemaFourWithExecutionsOfDeletedPipelines_DeletesThemWithTheirStepsAndTokens()
    {
        var old = await OldStoreAsync("schema-4", 4, """
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
        var before = SqliteMigrations.Scripts.ToList().FindIndex(script => script.Contains("ADD COLUMN experiment_name", StringComparison.Ordinal));
        var old = await OldStoreAsync("before-experiments", before, """
            INSERT INTO pipelines (name, version, arn, definition_text, creation_time, last_modified_time)
            VALUES ('kept', 1, 'arn:kept', '{}', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO executions (arn, execution_id, pipeline_name, pipeline_arn, pipeline_version, status,
                                    parameters_json, creation_time, last_modified_time)
            VALUES ('arn:kept/execution/a', 'a', 'kept', 'arn:kept', 1, 'Succeeded', '[]', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
            """);

        var opened = Track(new SqliteExecutionStore(old));
        await opened.InitializeAsync(Ct);

        (await opened.GetExecutionAsync("arn:kept/execution/a", Ct)).ShouldNotBeNull().Experiment.ShouldBe(new ExecutionExperiment("kept", "a"));
    }

    /// <summary>A data directory whose store file has the schema of the first <paramref name="version"/> migrations, then <paramref name="seedSql"/>.</summary>
    private async Task<string> OldStoreAsync(string name, int version, string seedSql)
    {
        var folder = Path.Combine(dataDirectory, name);
        Directory.CreateDirectory(folder);
        await using var connection = await OpenRawAsync(Path.Combine(folder, SqliteExecutionStore.FileName));
        await ExecuteAsync(connection, "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_time TEXT NOT NULL);");
        for (var applied = 0; applied < version; applied++)
        {
            await ExecuteAsync(connection, SqliteMigrations.Scripts[applied]);
            await ExecuteAsync(connection, $"INSERT INTO schema_version VALUES ({applied + 1}, 'x');");
        }

        await ExecuteAsync(connection, seedSql);
        return folder;
    }
}
