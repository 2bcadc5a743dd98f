using Dapper;
using Npgsql;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>Pipelines and their versions; every write that decides holds the pipeline's advisory lock.</summary>
public sealed partial class PostgresStore
{
    private const string PipelineLock = "pipeline";

    private const string PipelineColumns = """
        name AS Name, arn AS Arn, version AS Version, definition_text AS DefinitionText, display_name AS DisplayName,
        description AS Description, role_arn AS RoleArn, max_parallel_execution_steps AS MaxParallelExecutionSteps,
        creation_time AS CreationTime, last_modified_time AS LastModifiedTime,
        version_display_name AS VersionDisplayName, version_description AS VersionDescription
        """;

    private const string InsertPipelineSql = """
        INSERT INTO pipelines (name, version, arn, definition_text, display_name, description, role_arn,
                               max_parallel_execution_steps, creation_time, last_modified_time,
                               version_display_name, version_description)
        VALUES (@Name, @Version, @Arn, @DefinitionText, @DisplayName, @Description, @RoleArn,
                @MaxParallelExecutionSteps, @CreationTime, @LastModifiedTime,
                @VersionDisplayName, @VersionDescription);
        """;

    /// <inheritdoc/>
    /// <remarks>The version in <paramref name="pipeline"/> is ignored; a later version keeps the first one's creation time.</remarks>
    public Task<PipelineRecord> AddPipelineVersionAsync(PipelineRecord pipeline, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await LockAsync(connection, transaction, PipelineLock, pipeline.Name, cancellationToken);
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
    public Task<PipelineRecord?> CreatePipelineAsync(PipelineRecord pipeline, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await LockAsync(connection, transaction, PipelineLock, pipeline.Name, cancellationToken);
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
    /// <remarks><paramref name="next"/> runs inside the write, under the pipeline's lock: it must be quick and touch nothing else.</remarks>
    public Task<PipelineRecord?> UpdatePipelineAsync(
        string name, Func<PipelineRecord, PipelineRecord> next, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await LockAsync(connection, transaction, PipelineLock, name, cancellationToken);
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
            async connection => (await connection.QuerySingleOrDefaultAsync<PipelineRow>(Command(
                version is null
                    ? $"SELECT {PipelineColumns} FROM pipelines WHERE name = @Name ORDER BY version DESC LIMIT 1;"
                    : $"SELECT {PipelineColumns} FROM pipelines WHERE name = @Name AND version = @Version;",
                new { Name = name, Version = version ?? 0 },
                cancellationToken)))?.ToRecord(),
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<PipelineRecord>> ListPipelinesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<PipelineRecord>>(
            async connection => [.. (await connection.QueryAsync<PipelineRow>(Command(
                $"""
                SELECT DISTINCT ON (name) {PipelineColumns} FROM pipelines
                ORDER BY name, version DESC;
                """,
                null,
                cancellationToken))).Select(row => row.ToRecord())],
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<PipelineRecord>> ListPipelineVersionsAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<PipelineRecord>>(
            async connection => [.. (await connection.QueryAsync<PipelineRow>(Command(
                $"SELECT {PipelineColumns} FROM pipelines WHERE name = @Name ORDER BY version;",
                new { Name = name },
                cancellationToken))).Select(row => row.ToRecord())],
            cancellationToken);

    /// <inheritdoc/>
    public Task<PipelineRecord?> UpdatePipelineVersionAsync(
        string name, long version, string? displayName, string? description, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) => (await connection.QuerySingleOrDefaultAsync<PipelineRow>(Command(
                $"""
                UPDATE pipelines
                SET version_display_name = COALESCE(@DisplayName, version_display_name),
                    version_description = COALESCE(@Description, version_description)
                WHERE name = @Name AND version = @Version
                RETURNING {PipelineColumns};
                """,
                new { Name = name, Version = version, DisplayName = displayName, Description = description },
                cancellationToken,
                transaction)))?.ToRecord(),
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Finished executions go with the pipeline, with their steps, tokens and leases; cache entries and jobs stay.</remarks>
    public Task<PipelineDeletion> DeletePipelineAsync(string name, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await LockAsync(connection, transaction, PipelineLock, name, cancellationToken);
                var arn = await connection.QuerySingleOrDefaultAsync<string?>(Command(
                    "SELECT arn FROM pipelines WHERE name = @Name ORDER BY version DESC LIMIT 1;",
                    new { Name = name },
                    cancellationToken,
                    transaction));
                if (arn is null)
                {
                    return new PipelineDeletion(PipelineDeletionOutcome.NotFound, null);
                }

                var running = await connection.ExecuteScalarAsync<bool>(Command(
                    "SELECT EXISTS (SELECT 1 FROM executions WHERE pipeline_name = @Name AND status IN ('Executing', 'Stopping'));",
                    new { Name = name },
                    cancellationToken,
                    transaction));
                if (running)
                {
                    return new PipelineDeletion(PipelineDeletionOutcome.HasUnfinishedExecutions, arn);
                }

                await connection.ExecuteAsync(Command(
                    """
                    DELETE FROM execution_leases WHERE execution_arn IN (SELECT arn FROM executions WHERE pipeline_name = @Name);
                    DELETE FROM executions WHERE pipeline_name = @Name;
                    DELETE FROM pipelines WHERE name = @Name;
                    """,
                    new { Name = name },
                    cancellationToken,
                    transaction));
                return new PipelineDeletion(PipelineDeletionOutcome.Deleted, arn);
            },
            cancellationToken);

    private static async Task<PipelineRecord?> ReadLatestVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<PipelineRow>(Command(
            $"SELECT {PipelineColumns} FROM pipelines WHERE name = @Name ORDER BY version DESC LIMIT 1;",
            new { Name = name },
            cancellationToken,
            transaction)))?.ToRecord();
}
