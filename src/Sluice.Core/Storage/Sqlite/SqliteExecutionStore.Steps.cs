using Dapper;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>The steps of executions.</summary>
public sealed partial class SqliteExecutionStore
{
    /// <summary>Inserts a step record, or replaces the one stored for the same step (parameters of <see cref="StepRow"/>).</summary>
    private const string SaveStepSql = """
        INSERT INTO steps (execution_arn, step_name, step_type, status, start_time, end_time, attempt_count,
                           failure_reason, metadata_json, properties_json, cache_source_execution_arn,
                           selective_source_execution_arn, next_attempt_time, job_json)
        VALUES (@ExecutionArn, @StepName, @StepType, @Status, @StartTime, @EndTime, @AttemptCount,
                @FailureReason, @MetadataJson, @PropertiesJson, @CacheSourceExecutionArn,
                @SelectiveSourceExecutionArn, @NextAttemptTime, @JobJson)
        ON CONFLICT (execution_arn, step_name) DO UPDATE SET
            step_type = excluded.step_type, status = excluded.status, start_time = excluded.start_time,
            end_time = excluded.end_time, attempt_count = excluded.attempt_count,
            failure_reason = excluded.failure_reason, metadata_json = excluded.metadata_json,
            properties_json = excluded.properties_json,
            cache_source_execution_arn = excluded.cache_source_execution_arn,
            selective_source_execution_arn = excluded.selective_source_execution_arn,
            next_attempt_time = excluded.next_attempt_time, job_json = excluded.job_json;
        """;

    /// <inheritdoc/>
    /// <remarks>
    /// A step keeps its place in the order of <see cref="ListStepsAsync"/> when it is saved again. The execution must
    /// exist (foreign key).
    /// </remarks>
    public Task SaveStepsAsync(IReadOnlyCollection<StepRecord> steps, CancellationToken cancellationToken)
    {
        if (steps.Count == 0)
        {
            return Task.CompletedTask;
        }

        var rows = steps.Select(StepRow.From).ToList();
        return WriteAsync(
            (connection, transaction) => Task.FromResult(WriteSteps(WriteStatement(connection, transaction, SaveStepSql, StepParameters), rows)),
            cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>One write of the group commit: the jobs' statements, then the steps'.</remarks>
    public Task SaveStepsAsync(IReadOnlyCollection<StepRecord> steps, IReadOnlyCollection<JobRecord> jobs, CancellationToken cancellationToken)
    {
        if (jobs.Count == 0)
        {
            return SaveStepsAsync(steps, cancellationToken);
        }

        var stepRows = steps.Select(StepRow.From).ToList();
        var jobRows = jobs.Select(JobRow.From).ToList();
        return WriteAsync(
            async (connection, transaction) =>
            {
                await connection.ExecuteAsync(Command(SaveJobSql, jobRows, cancellationToken, transaction));
                return WriteSteps(WriteStatement(connection, transaction, SaveStepSql, StepParameters), stepRows);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>Ordered by start time, then by when each step was first saved; steps without a start time come last.</remarks>
    public Task<IReadOnlyList<StepRecord>> ListStepsAsync(string executionArn, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection =>
            {
                var rows = await connection.QueryAsync<StepRow>(Command(
                    """
                    SELECT execution_arn AS ExecutionArn, step_name AS StepName, step_type AS StepType, status AS Status,
                           start_time AS StartTime, end_time AS EndTime, attempt_count AS AttemptCount,
                           failure_reason AS FailureReason, metadata_json AS MetadataJson,
                           properties_json AS PropertiesJson, cache_source_execution_arn AS CacheSourceExecutionArn,
                           selective_source_execution_arn AS SelectiveSourceExecutionArn,
                           next_attempt_time AS NextAttemptTime, job_json AS JobJson
                    FROM steps WHERE execution_arn = @ExecutionArn
                    ORDER BY start_time IS NULL, start_time, id;
                    """,
                    new { ExecutionArn = executionArn },
                    cancellationToken));
                return (IReadOnlyList<StepRecord>)[.. rows.Select(row => row.ToRecord())];
            },
            cancellationToken);
}
