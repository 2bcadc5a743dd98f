using System.Text;
using Dapper;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>Pipeline executions.</summary>
public sealed partial class PostgresStore
{
    private const string ExecutionSelect = """
        SELECT arn AS Arn, execution_id AS ExecutionId, pipeline_name AS PipelineName, pipeline_arn AS PipelineArn,
               pipeline_version AS PipelineVersion, status AS Status, failure_reason AS FailureReason,
               display_name AS DisplayName, description AS Description, parameters_json AS ParametersJson,
               max_parallel_execution_steps AS MaxParallelExecutionSteps, selective_execution_json AS SelectiveExecutionJson,
               creation_time AS CreationTime, last_modified_time AS LastModifiedTime,
               experiment_name AS ExperimentName, trial_name AS TrialName
        FROM executions
        """;

    private const string InsertExecutionSql = """
        INSERT INTO executions (arn, execution_id, pipeline_name, pipeline_arn, pipeline_version, status,
                                failure_reason, display_name, description, parameters_json,
                                max_parallel_execution_steps, selective_execution_json, creation_time,
                                last_modified_time, experiment_name, trial_name)
        VALUES (@Arn, @ExecutionId, @PipelineName, @PipelineArn, @PipelineVersion, @Status, @FailureReason,
                @DisplayName, @Description, @ParametersJson, @MaxParallelExecutionSteps, @SelectiveExecutionJson,
                @CreationTime, @LastModifiedTime, @ExperimentName, @TrialName);
        """;

    private const string UpdateExecutionSql = """
        UPDATE executions SET
            execution_id = @ExecutionId, pipeline_name = @PipelineName, pipeline_arn = @PipelineArn,
            pipeline_version = @PipelineVersion, status = @Status, failure_reason = @FailureReason,
            display_name = @DisplayName, description = @Description, parameters_json = @ParametersJson,
            max_parallel_execution_steps = @MaxParallelExecutionSteps,
            selective_execution_json = @SelectiveExecutionJson, creation_time = @CreationTime,
            last_modified_time = @LastModifiedTime, experiment_name = @ExperimentName, trial_name = @TrialName
        WHERE arn = @Arn
        """;

    /// <inheritdoc/>
    /// <remarks>An execution whose ARN is already stored is an error (a <see cref="Npgsql.PostgresException"/>).</remarks>
    public Task CreateExecutionAsync(ExecutionRecord execution, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                InsertExecutionSql, ExecutionRow.From(execution), cancellationToken, transaction)),
            cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">No execution has that ARN.</exception>
    /// <exception cref="LeaseLostException">This store held the execution's lease, and another server took it over.</exception>
    public Task UpdateExecutionAsync(ExecutionRecord execution, CancellationToken cancellationToken) =>
        FinishExecutionAsync(execution, [], cancellationToken);

    /// <inheritdoc/>
    /// <remarks>One transaction: the lease's fence is checked, then the execution's row and (when it was there) the steps' records are written.</remarks>
    public async Task FinishExecutionAsync(ExecutionRecord execution, IReadOnlyCollection<StepRecord> steps, CancellationToken cancellationToken)
    {
        var rows = steps.Select(StepRow.From).ToList();
        var updated = await WriteAsync(
            async (connection, transaction) =>
            {
                await CheckFenceAsync(connection, transaction, execution.Arn, cancellationToken);
                var changed = await connection.ExecuteAsync(Command(
                    UpdateExecutionSql + ";", ExecutionRow.From(execution), cancellationToken, transaction));
                if (changed > 0)
                {
                    await SaveStepRowsAsync(connection, transaction, rows, cancellationToken);
                }

                return changed;
            },
            cancellationToken);
        if (updated == 0)
        {
            throw new KeyNotFoundException($"There is no execution '{execution.Arn}' to update.");
        }
    }

    /// <inheritdoc/>
    public Task<ExecutionRecord?> GetExecutionAsync(string arn, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection => (await connection.QuerySingleOrDefaultAsync<ExecutionRow>(Command(
                $"{ExecutionSelect} WHERE arn = @Arn;", new { Arn = arn }, cancellationToken)))?.ToRecord(),
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? pipelineName, CancellationToken cancellationToken) =>
        QueryExecutionsAsync(
            pipelineName is null
                ? $"{ExecutionSelect} ORDER BY creation_time DESC, arn;"
                : $"{ExecutionSelect} WHERE pipeline_name = @Name ORDER BY creation_time DESC, arn;",
            new { Name = pipelineName },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ExecutionRecord>> ListUnfinishedExecutionsAsync(CancellationToken cancellationToken) =>
        QueryExecutionsAsync(
            $"{ExecutionSelect} WHERE status IN ('Executing', 'Stopping') ORDER BY creation_time, arn;", null, cancellationToken);

    /// <inheritdoc/>
    public Task<ExecutionPage?> ListExecutionsPageAsync(ExecutionPageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        var (sql, parameters) = PageQuery(query);
        return ReadAsync(
            async connection =>
            {
                var exists = await connection.ExecuteScalarAsync<bool>(Command(
                    "SELECT EXISTS (SELECT 1 FROM pipelines WHERE name = @Name);", new { Name = query.PipelineName }, cancellationToken));
                if (!exists)
                {
                    return null;
                }

                var rows = await connection.QueryAsync<(string Arn, string Status, string CreationTime, string? DisplayName, string? Description, string? FailureReason)>(
                    Command(sql, parameters, cancellationToken));
                var executions = rows.Select(row => new ExecutionSummary(
                    row.Arn,
                    SqliteValues.ToExecutionStatus(row.Status),
                    SqliteValues.ToTime(row.CreationTime),
                    row.DisplayName,
                    row.Description,
                    row.FailureReason)).ToList();
                var hasMore = executions.Count > query.Limit;
                if (hasMore)
                {
                    executions.RemoveAt(executions.Count - 1);
                }

                return (ExecutionPage?)new ExecutionPage(executions, hasMore);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<DateTimeOffset?> GetLastExecutionTimeAsync(string pipelineName, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection => await connection.ExecuteScalarAsync<string?>(Command(
                "SELECT MAX(creation_time) FROM executions WHERE pipeline_name = @Name;", new { Name = pipelineName }, cancellationToken))
                is { } time ? SqliteValues.ToTime(time) : (DateTimeOffset?)null,
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<long, string>> GetLastExecutionPerVersionAsync(string pipelineName, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyDictionary<long, string>>(
            async connection => (await connection.QueryAsync<(long Version, string Arn)>(Command(
                """
                SELECT DISTINCT ON (pipeline_version) pipeline_version, arn FROM executions
                WHERE pipeline_name = @Name
                ORDER BY pipeline_version, creation_time DESC, arn;
                """,
                new { Name = pipelineName },
                cancellationToken))).ToDictionary(row => row.Version, row => row.Arn),
            cancellationToken);

    private static (string Sql, DynamicParameters Parameters) PageQuery(ExecutionPageQuery query)
    {
        var sql = new StringBuilder(
            "SELECT arn, status, creation_time, display_name, description, failure_reason FROM executions WHERE pipeline_name = @Name");
        var parameters = new DynamicParameters();
        parameters.Add("Name", query.PipelineName);
        if (query.CreatedAfter is { } after)
        {
            sql.Append(" AND creation_time > @CreatedAfter");
            parameters.Add("CreatedAfter", SqliteValues.FromTime(after));
        }

        if (query.CreatedBefore is { } before)
        {
            sql.Append(" AND creation_time < @CreatedBefore");
            parameters.Add("CreatedBefore", SqliteValues.FromTime(before));
        }

        var byTime = query.SortBy == ExecutionSortBy.CreationTime;
        if (query.After is { } cursor)
        {
            sql.Append((byTime, query.Ascending) switch
            {
                (true, false) => " AND creation_time <= @Time AND (creation_time < @Time OR arn > @Arn)",
                (true, true) => " AND creation_time >= @Time AND (creation_time > @Time OR arn < @Arn)",
                (false, false) => " AND arn < @Arn",
                (false, true) => " AND arn > @Arn",
            });
            if (byTime)
            {
                parameters.Add("Time", SqliteValues.FromTime(cursor.CreationTime));
            }

            parameters.Add("Arn", cursor.Arn);
        }

        sql.Append((byTime, query.Ascending) switch
        {
            (true, false) => " ORDER BY creation_time DESC, arn",
            (true, true) => " ORDER BY creation_time, arn DESC",
            (false, false) => " ORDER BY arn DESC",
            (false, true) => " ORDER BY arn",
        });
        sql.Append(" LIMIT @Limit;");
        parameters.Add("Limit", (long)query.Limit + 1);
        return (sql.ToString(), parameters);
    }

    private Task<IReadOnlyList<ExecutionRecord>> QueryExecutionsAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ExecutionRecord>>(
            async connection => [.. (await connection.QueryAsync<ExecutionRow>(Command(sql, parameters, cancellationToken)))
                .Select(row => row.ToRecord())],
            cancellationToken);
}
