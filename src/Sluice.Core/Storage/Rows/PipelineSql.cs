using System.Data.Common;
using Dapper;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Storage.Rows.SqlCommands;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Rows;

/// <summary>
/// The reads of pipelines and their versions (<see cref="IPipelineReader"/>), as SQLite and PostgreSQL run them; the
/// writes are <see cref="PipelineWriteSql"/>'s.
/// </summary>
internal static class PipelineSql
{
    /// <summary>The columns of a <see cref="PipelineRow"/>.</summary>
    public const string Columns = """
        name AS Name, arn AS Arn, version AS Version, definition_text AS DefinitionText, display_name AS DisplayName,
        description AS Description, role_arn AS RoleArn, max_parallel_execution_steps AS MaxParallelExecutionSteps,
        creation_time AS CreationTime, last_modified_time AS LastModifiedTime,
        version_display_name AS VersionDisplayName, version_description AS VersionDescription
        """;

    /// <summary>A pipeline's latest version, or the given one; <see langword="null"/> when there is none.</summary>
    /// <returns>The version, or <see langword="null"/>.</returns>
    public static async Task<PipelineRecord?> GetAsync(DbConnection connection, string name, long? version, CancellationToken cancellationToken) =>
        version is null
            ? await ReadLatestAsync(connection, null, name, cancellationToken)
            : (await connection.QuerySingleOrDefaultAsync<PipelineRow>(Command(
                $"SELECT {Columns} FROM pipelines WHERE name = @Name AND version = @Version;",
                new { Name = name, Version = version.Value },
                cancellationToken)))?.ToRecord();

    /// <summary>The latest version's head (<see cref="PipelineVersionHead"/>): ARN, version, parallelism limit; one parameter, the name.</summary>
    public const string LatestHeadSql = HeadSelect + " WHERE name = @Name ORDER BY version DESC LIMIT 1;";

    /// <summary>One version's head (<see cref="PipelineVersionHead"/>); parameters the name and the version.</summary>
    public const string VersionHeadSql = HeadSelect + " WHERE name = @Name AND version = @Version;";

    private const string HeadSelect =
        "SELECT arn AS Arn, version AS Version, max_parallel_execution_steps AS MaxParallelExecutionSteps FROM pipelines";

    /// <summary>A pipeline version's head, the latest or the given one; <see langword="null"/> when there is none.</summary>
    /// <returns>The head, or <see langword="null"/>.</returns>
    public static async Task<PipelineVersionHead?> GetHeadAsync(DbConnection connection, string name, long? version, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<PipelineHeadRow>(Command(
            version is null ? LatestHeadSql : VersionHeadSql,
            new { Name = name, Version = version ?? 0 },
            cancellationToken)))?.ToHead();

    /// <summary>A pipeline's latest version, inside a write when given its transaction; <see langword="null"/> when there is none.</summary>
    /// <returns>The version, or <see langword="null"/>.</returns>
    public static async Task<PipelineRecord?> ReadLatestAsync(
        DbConnection connection, DbTransaction? transaction, string name, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<PipelineRow>(Command(
            $"SELECT {Columns} FROM pipelines WHERE name = @Name ORDER BY version DESC LIMIT 1;",
            new { Name = name },
            cancellationToken,
            transaction)))?.ToRecord();

    /// <summary>Every pipeline, latest versions only, ordered by name.</summary>
    /// <returns>The pipelines.</returns>
    public static async Task<IReadOnlyList<PipelineRecord>> ListAsync(DbConnection connection, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<PipelineRow>(Command(
            $"""
            SELECT {Columns} FROM pipelines AS p
            WHERE version = (SELECT MAX(version) FROM pipelines AS latest WHERE latest.name = p.name)
            ORDER BY name;
            """,
            null,
            cancellationToken))).Select(row => row.ToRecord())];

    /// <summary>Every version of a pipeline, oldest first.</summary>
    /// <returns>The versions.</returns>
    public static async Task<IReadOnlyList<PipelineRecord>> ListVersionsAsync(DbConnection connection, string name, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<PipelineRow>(Command(
            $"SELECT {Columns} FROM pipelines WHERE name = @Name ORDER BY version;",
            new { Name = name },
            cancellationToken))).Select(row => row.ToRecord())];

    /// <summary>
    /// When each of the given pipelines' newest execution was created, in one grouped query (ListPipelines reads a
    /// page's at once). Pipelines without executions, and names of none, are not in it.
    /// </summary>
    /// <returns>The creation time of each pipeline's newest execution, by pipeline name.</returns>
    public static async Task<IReadOnlyDictionary<string, DateTimeOffset>> LastExecutionTimesAsync(
        DbConnection connection, SqlDialect dialect, IReadOnlyCollection<string> pipelineNames, CancellationToken cancellationToken)
    {
        if (pipelineNames.Count == 0)
        {
            return new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        }

        var rows = await connection.QueryAsync<(string Name, string Time)>(Command(
            $"""
            SELECT pipeline_name, MAX(creation_time) FROM executions
            WHERE {dialect.IsAnyOf("pipeline_name", "@Names")}
            GROUP BY pipeline_name;
            """,
            new { Names = pipelineNames.Distinct(StringComparer.Ordinal).ToArray() },
            cancellationToken));
        return rows.ToDictionary(row => row.Name, row => SqliteValues.ToTime(row.Time), StringComparer.Ordinal);
    }
}
