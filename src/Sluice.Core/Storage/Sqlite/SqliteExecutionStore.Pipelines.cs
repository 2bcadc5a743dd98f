using Dapper;
using Microsoft.Data.Sqlite;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>Pipelines and their versions.</summary>
public sealed partial class SqliteExecutionStore
{
    private const string PipelineColumns = """
        name AS Name, arn AS Arn, version AS Version, definition_text AS DefinitionText, display_name AS DisplayName,
        description AS Description, role_arn AS RoleArn, max_parallel_execution_steps AS MaxParallelExecutionSteps,
        creation_time AS CreationTime, last_modified_time AS LastModifiedTime,
        version_display_name AS VersionDisplayName, version_description AS VersionDescription
        """;

    /// <summary>Inserts one version; the primary key (name, version) refuses a version stored twice.</summary>
    private const string InsertPipelineSql = """
        INSERT INTO pipelines (name, version, arn, definition_text, display_name, description, role_arn,
                               max_parallel_execution_steps, creation_time, last_modified_time,
                               version_display_name, version_description)
        VALUES (@Name, @Version, @Arn, @DefinitionText, @DisplayName, @Description, @RoleArn,
                @MaxParallelExecutionSteps, @CreationTime, @LastModifiedTime,
                @VersionDisplayName, @VersionDescription);
        """;

    /// <inheritdoc/>
    /// <remarks>
    /// The version in <paramref name="pipeline"/> is ignored. A later version keeps the creation time of the pipeline's
    /// first version.
    /// </remarks>
    public Task<PipelineRecord> AddPipelineVersionAsync(PipelineRecord pipeline, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                var latest = await ReadLatestVersionAsync(connection, transaction, pipeline.Name, cancellationToken);
                var stored = pipeline with
                {
                    Version = (latest?.Version ?? 0) + 1,
                    CreationTime = latest?.CreationTime ?? pipeline.CreationTime,
                };
                await connection.ExecuteAsync(Command(InsertPipelineSql, PipelineRow.From(stored), cancellationToken, transaction));
                return stored;
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// The version in <paramref name="pipeline"/> is ignored. Within a process the write loop runs one write at a time,
    /// and between processes <c>BEGIN IMMEDIATE</c> holds the file's write lock, so the existence check is decisive;
    /// the primary key on (name, version) is the final arbiter all the same: every pipeline has a version 1 (versions
    /// are only ever deleted all together), so a second version 1 is a conflict that inserts nothing.
    /// </remarks>
    public Task<PipelineRecord?> CreatePipelineAsync(PipelineRecord pipeline, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                var stored = pipeline with { Version = 1 };
                var inserted = await connection.ExecuteAsync(Command(
                    """
                    INSERT INTO pipelines (name, version, arn, definition_text, display_name, description, role_arn,
                                           max_parallel_execution_steps, creation_time, last_modified_time,
                                           version_display_name, version_description)
                    SELECT @Name, @Version, @Arn, @DefinitionText, @DisplayName, @Description, @RoleArn,
                           @MaxParallelExecutionSteps, @CreationTime, @LastModifiedTime,
                           @VersionDisplayName, @VersionDescription
                    WHERE NOT EXISTS (SELECT 1 FROM pipelines WHERE name = @Name)
                    ON CONFLICT (name, version) DO NOTHING;
                    """,
                    PipelineRow.From(stored),
                    cancellationToken,
                    transaction));
                return inserted == 0 ? null : stored;
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks><paramref name="next"/> runs inside the write: it must be quick and touch nothing else.</remarks>
    public Task<PipelineRecord?> UpdatePipelineAsync(
        string name, Func<PipelineRecord, PipelineRecord> next, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                if (await ReadLatestVersionAsync(connection, transaction, name, cancellationToken) is not { } latest)
                {
                    return null;
                }

                var stored = next(latest) with
                {
                    Name = latest.Name,
                    Arn = latest.Arn,
                    Version = latest.Version + 1,
                    CreationTime = latest.CreationTime,
                };
                await connection.ExecuteAsync(Command(InsertPipelineSql, PipelineRow.From(stored), cancellationToken, transaction));
                return (PipelineRecord?)stored;
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<PipelineRecord?> GetPipelineAsync(string name, long? version, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<PipelineRow>(Command(
                    $"""
                    SELECT {PipelineColumns} FROM pipelines
                    WHERE name = @Name AND (@Version IS NULL OR version = @Version)
                    ORDER BY version DESC LIMIT 1;
                    """,
                    new { Name = name, Version = version },
                    cancellationToken));
                return row?.ToRecord();
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<PipelineRecord>> ListPipelinesAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            async connection =>
            {
                var rows = await connection.QueryAsync<PipelineRow>(Command(
                    $"""
                    SELECT {PipelineColumns} FROM pipelines AS p
                    WHERE version = (SELECT MAX(version) FROM pipelines AS latest WHERE latest.name = p.name)
                    ORDER BY name;
                    """,
                    null,
                    cancellationToken));
                return (IReadOnlyList<PipelineRecord>)[.. rows.Select(row => row.ToRecord())];
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<PipelineRecord>> ListPipelineVersionsAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection =>
            {
                var rows = await connection.QueryAsync<PipelineRow>(Command(
                    $"SELECT {PipelineColumns} FROM pipelines WHERE name = @Name ORDER BY version;",
                    new { Name = name },
                    cancellationToken));
                return (IReadOnlyList<PipelineRecord>)[.. rows.Select(row => row.ToRecord())];
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<PipelineRecord?> UpdatePipelineVersionAsync(
        string name, long version, string? displayName, string? description, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                var changed = await connection.ExecuteAsync(Command(
                    """
                    UPDATE pipelines
                    SET version_display_name = COALESCE(@DisplayName, version_display_name),
                        version_description = COALESCE(@Description, version_description)
                    WHERE name = @Name AND version = @Version;
                    """,
                    new { Name = name, Version = version, DisplayName = displayName, Description = description },
                    cancellationToken,
                    transaction));
                return changed == 0
                    ? null
                    : (await connection.QuerySingleAsync<PipelineRow>(Command(
                        $"SELECT {PipelineColumns} FROM pipelines WHERE name = @Name AND version = @Version;",
                        new { Name = name, Version = version },
                        cancellationToken,
                        transaction))).ToRecord();
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// SageMaker deletes a pipeline only when none of its executions runs (ConflictException otherwise); finished
    /// executions go with it, with their steps and Callback tokens. Cache entries and job records are kept.
    /// </remarks>
    public Task<PipelineDeletion> DeletePipelineAsync(string name, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                var arn = await connection.QuerySingleOrDefaultAsync<string?>(Command(
                    "SELECT arn FROM pipelines WHERE name = @Name ORDER BY version DESC LIMIT 1;",
                    new { Name = name },
                    cancellationToken,
                    transaction));
                if (arn is null)
                {
                    return new PipelineDeletion(PipelineDeletionOutcome.NotFound, null);
                }

                var running = await connection.ExecuteScalarAsync<long>(Command(
                    "SELECT EXISTS (SELECT 1 FROM executions WHERE pipeline_name = @Name AND status IN ('Executing', 'Stopping'));",
                    new { Name = name },
                    cancellationToken,
                    transaction));
                if (running != 0)
                {
                    return new PipelineDeletion(PipelineDeletionOutcome.HasUnfinishedExecutions, arn);
                }

                // Steps and callbacks go with their executions (ON DELETE CASCADE).
                await connection.ExecuteAsync(Command(
                    "DELETE FROM executions WHERE pipeline_name = @Name;", new { Name = name }, cancellationToken, transaction));
                await connection.ExecuteAsync(Command(
                    "DELETE FROM pipelines WHERE name = @Name;", new { Name = name }, cancellationToken, transaction));
                return new PipelineDeletion(PipelineDeletionOutcome.Deleted, arn);
            },
            cancellationToken);

    /// <summary>A pipeline's latest version as the write sees it, or <see langword="null"/>.</summary>
    private static async Task<PipelineRecord?> ReadLatestVersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, string name, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<PipelineRow>(Command(
            $"SELECT {PipelineColumns} FROM pipelines WHERE name = @Name ORDER BY version DESC LIMIT 1;",
            new { Name = name },
            cancellationToken,
            transaction));
        return row?.ToRecord();
    }
}
