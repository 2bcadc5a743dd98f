using Dapper;
using Npgsql;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>The steps of executions.</summary>
public sealed partial class PostgresStore
{
    /// <summary>Inserts or replaces a batch of step records in one statement: one array per column, unnested in order.</summary>
    private const string SaveStepsSql = """
        INSERT INTO steps (execution_arn, step_name, step_type, status, start_time, end_time, attempt_count,
                           failure_reason, metadata_json, properties_json, cache_source_execution_arn,
                           selective_source_execution_arn, next_attempt_time, job_json)
        SELECT execution_arn, step_name, step_type, status, start_time, end_time, attempt_count, failure_reason,
               metadata_json, properties_json, cache_source_execution_arn, selective_source_execution_arn,
               next_attempt_time, job_json
        FROM unnest(@ExecutionArn, @StepName, @StepType, @Status, @StartTime, @EndTime, @AttemptCount, @FailureReason,
                    @MetadataJson, @PropertiesJson, @CacheSource, @SelectiveSource, @NextAttemptTime, @JobJson)
             WITH ORDINALITY AS s (execution_arn, step_name, step_type, status, start_time, end_time, attempt_count,
                                   failure_reason, metadata_json, properties_json, cache_source_execution_arn,
                                   selective_source_execution_arn, next_attempt_time, job_json, position)
        ORDER BY position
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
    /// One statement for the whole batch; of two records of one step in a batch the later wins. The execution must
    /// exist. Records of executions whose lease this store held and lost are left out (fencing).
    /// </remarks>
    public Task SaveStepsAsync(IReadOnlyCollection<StepRecord> steps, CancellationToken cancellationToken)
    {
        if (steps.Count == 0)
        {
            return Task.CompletedTask;
        }

        var rows = steps.Select(StepRow.From).ToList();
        return WriteAsync(
            async (connection, transaction) =>
            {
                // A step of an execution whose lease passed to another server is not written (fenced off): that
                // server owns the execution's steps now. The records of other executions in the batch are written.
                var stale = await StaleFencesAsync(connection, transaction, rows.Select(r => r.ExecutionArn), cancellationToken);
                await SaveStepRowsAsync(connection, transaction, stale is null ? rows : [.. rows.Where(r => !stale.Contains(r.ExecutionArn))], cancellationToken);
                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>One transaction: the jobs' records, then the steps' (fenced as in the other overload).</remarks>
    public Task SaveStepsAsync(IReadOnlyCollection<StepRecord> steps, IReadOnlyCollection<JobRecord> jobs, CancellationToken cancellationToken)
    {
        if (jobs.Count == 0)
        {
            return SaveStepsAsync(steps, cancellationToken);
        }

        var rows = steps.Select(StepRow.From).ToList();
        var jobRows = jobs.Select(JobRow.From).ToList();
        return WriteAsync(
            async (connection, transaction) =>
            {
                foreach (var job in jobRows)
                {
                    await connection.ExecuteAsync(Command(SaveJobSql, job, cancellationToken, transaction));
                }

                if (rows.Count > 0)
                {
                    var stale = await StaleFencesAsync(connection, transaction, rows.Select(r => r.ExecutionArn), cancellationToken);
                    await SaveStepRowsAsync(connection, transaction, stale is null ? rows : [.. rows.Where(r => !stale.Contains(r.ExecutionArn))], cancellationToken);
                }

                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<StepRecord>> ListStepsAsync(string executionArn, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<StepRecord>>(
            async connection => [.. (await connection.QueryAsync<StepRow>(Command(
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
                cancellationToken))).Select(row => row.ToRecord())],
            cancellationToken);

    private static async Task SaveStepRowsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<StepRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        // ON CONFLICT may change a row once per statement: keep the last record of each step, in first-seen order.
        var latest = new Dictionary<(string, string), int>();
        var unique = new List<StepRow>(rows.Count);
        foreach (var row in rows)
        {
            if (latest.TryGetValue((row.ExecutionArn, row.StepName), out var at))
            {
                unique[at] = row;
            }
            else
            {
                latest[(row.ExecutionArn, row.StepName)] = unique.Count;
                unique.Add(row);
            }
        }

        await using var command = new NpgsqlCommand(SaveStepsSql, connection, transaction);
        command.Parameters.Add(Array("ExecutionArn", unique.Select(r => r.ExecutionArn)));
        command.Parameters.Add(Array("StepName", unique.Select(r => r.StepName)));
        command.Parameters.Add(Array("StepType", unique.Select(r => r.StepType)));
        command.Parameters.Add(Array("Status", unique.Select(r => r.Status)));
        command.Parameters.Add(Array("StartTime", unique.Select(r => r.StartTime)));
        command.Parameters.Add(Array("EndTime", unique.Select(r => r.EndTime)));
        command.Parameters.Add(new NpgsqlParameter<int[]>("AttemptCount", [.. unique.Select(r => r.AttemptCount)]));
        command.Parameters.Add(Array("FailureReason", unique.Select(r => r.FailureReason)));
        command.Parameters.Add(Array("MetadataJson", unique.Select(r => r.MetadataJson)));
        command.Parameters.Add(Array("PropertiesJson", unique.Select(r => r.PropertiesJson)));
        command.Parameters.Add(Array("CacheSource", unique.Select(r => r.CacheSourceExecutionArn)));
        command.Parameters.Add(Array("SelectiveSource", unique.Select(r => r.SelectiveSourceExecutionArn)));
        command.Parameters.Add(Array("NextAttemptTime", unique.Select(r => r.NextAttemptTime)));
        command.Parameters.Add(Array("JobJson", unique.Select(r => r.JobJson)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter<string?[]> Array(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = [.. values] };
}
