using System.Data.Common;
using Dapper;
using static Sluice.Core.Storage.Rows.SqlCommands;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Rows;

/// <summary>
/// The writes of pipelines and their versions (<see cref="IPipelineStore"/>), as SQLite and PostgreSQL run them inside
/// the caller's write. Every write that decides from what it reads first holds the pipeline's lock
/// (<see cref="SqlDialect.LockAsync"/> of <see cref="LockKind"/>); the primary key (name, version) is the final
/// arbiter all the same: a version stored twice is refused.
/// </summary>
internal static class PipelineWriteSql
{
    /// <summary>The kind of name the pipeline's lock is taken on (<see cref="SqlDialect.LockAsync"/>); starting an execution takes it too.</summary>
    public const string LockKind = "pipeline";

    private const string InsertColumns = """
        INSERT INTO pipelines (name, version, arn, definition_text, display_name, description, role_arn,
                               max_parallel_execution_steps, creation_time, last_modified_time,
                               version_display_name, version_description)
        """;

    private const string Values = """
        @Name, @Version, @Arn, @DefinitionText, @DisplayName, @Description, @RoleArn,
        @MaxParallelExecutionSteps, @CreationTime, @LastModifiedTime,
        @VersionDisplayName, @VersionDescription
        """;

    /// <summary>Adds the next version (1 for a new name); a later version keeps the first one's creation time.</summary>
    /// <returns>The version as stored.</returns>
    public static async Task<PipelineRecord> AddVersionAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, PipelineRecord pipeline, CancellationToken cancellationToken)
    {
        await dialect.LockAsync(connection, transaction, LockKind, pipeline.Name, cancellationToken);
        var latest = await PipelineSql.ReadLatestAsync(connection, transaction, pipeline.Name, cancellationToken);
        var stored = pipeline with
        {
            Version = (latest?.Version ?? 0) + 1,
            CreationTime = latest?.CreationTime ?? pipeline.CreationTime,
        };
        await InsertAsync(connection, transaction, stored, cancellationToken);
        return stored;
    }

    /// <summary>
    /// Stores version 1 of a new pipeline unless one of that name exists. Every pipeline has a version 1 (versions are
    /// only ever deleted all together), so a second version 1 is a conflict that inserts nothing.
    /// </summary>
    /// <returns>The version as stored; <see langword="null"/> when the name is taken.</returns>
    public static async Task<PipelineRecord?> CreateAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, PipelineRecord pipeline, CancellationToken cancellationToken)
    {
        await dialect.LockAsync(connection, transaction, LockKind, pipeline.Name, cancellationToken);
        var stored = pipeline with { Version = 1 };
        var inserted = await connection.ExecuteAsync(Command(
            $"""
            {InsertColumns}
            SELECT {Values}
            WHERE NOT EXISTS (SELECT 1 FROM pipelines WHERE name = @Name)
            ON CONFLICT (name, version) DO NOTHING;
            """,
            PipelineRow.From(stored),
            cancellationToken,
            transaction));
        return inserted == 0 ? null : stored;
    }

    /// <summary>Adds the next version of an existing pipeline, built by <paramref name="next"/> from the latest as stored.</summary>
    /// <returns>The version as stored; <see langword="null"/> when there is no such pipeline.</returns>
    public static async Task<PipelineRecord?> UpdateAsync(
        DbConnection connection,
        DbTransaction transaction,
        SqlDialect dialect,
        string name,
        Func<PipelineRecord, PipelineRecord> next,
        CancellationToken cancellationToken)
    {
        await dialect.LockAsync(connection, transaction, LockKind, name, cancellationToken);
        if (await PipelineSql.ReadLatestAsync(connection, transaction, name, cancellationToken) is not { } latest)
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
        await InsertAsync(connection, transaction, stored, cancellationToken);
        return stored;
    }

    /// <summary>Sets a version's display name and description (each only when given).</summary>
    /// <returns>The version as now stored, or <see langword="null"/> when there is no such version.</returns>
    public static async Task<PipelineRecord?> UpdateVersionAsync(
        DbConnection connection,
        DbTransaction transaction,
        string name,
        long version,
        string? displayName,
        string? description,
        CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<PipelineRow>(Command(
            $"""
            UPDATE pipelines
            SET version_display_name = COALESCE(@DisplayName, version_display_name),
                version_description = COALESCE(@Description, version_description)
            WHERE name = @Name AND version = @Version
            RETURNING {PipelineSql.Columns};
            """,
            new { Name = name, Version = version, DisplayName = displayName, Description = description },
            cancellationToken,
            transaction)))?.ToRecord();

    /// <summary>
    /// Deletes a pipeline with its versions and executions (their steps and callbacks go with them, <c>ON DELETE
    /// CASCADE</c>) unless one of its executions is Executing or Stopping. Cache entries and job records are kept.
    /// </summary>
    /// <param name="connection">The write's connection.</param>
    /// <param name="transaction">The write's transaction.</param>
    /// <param name="dialect">The backend's dialect.</param>
    /// <param name="name">The pipeline.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <param name="deleteFirst">Statements for the backend's own tables (parameter <c>@Name</c>), run before the executions go.</param>
    /// <returns>What was decided, with the pipeline's ARN.</returns>
    public static async Task<PipelineDeletion> DeleteAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, string name, CancellationToken cancellationToken, string deleteFirst = "")
    {
        await dialect.LockAsync(connection, transaction, LockKind, name, cancellationToken);
        var arn = await connection.QuerySingleOrDefaultAsync<string?>(Command(
            "SELECT arn FROM pipelines WHERE name = @Name ORDER BY version DESC LIMIT 1;", new { Name = name }, cancellationToken, transaction));
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
            $"""
            {deleteFirst}
            DELETE FROM executions WHERE pipeline_name = @Name;
            DELETE FROM pipelines WHERE name = @Name;
            """,
            new { Name = name },
            cancellationToken,
            transaction));
        return new PipelineDeletion(PipelineDeletionOutcome.Deleted, arn);
    }

    private static Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, PipelineRecord stored, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command($"{InsertColumns}\nVALUES ({Values});", PipelineRow.From(stored), cancellationToken, transaction));
}
