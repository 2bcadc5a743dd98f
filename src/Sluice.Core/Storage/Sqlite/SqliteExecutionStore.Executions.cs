using Dapper;
using Microsoft.Data.Sqlite;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>Pipeline executions.</summary>
public sealed partial class SqliteExecutionStore
{
    /// <summary>Summaries of ended executions as page reads last read them (<see cref="ListExecutionsPageAsync"/>).</summary>
    private readonly EndedExecutionCache<ExecutionSummary> summaryCache = new();

    /// <summary>Ended executions as <see cref="GetExecutionAsync"/> last read them.</summary>
    private readonly EndedExecutionCache<ExecutionRecord> recordCache = new();

    /// <summary>Every column of <c>executions</c>, in the order <see cref="ReadExecution"/> reads them.</summary>
    private const string ExecutionSelect = """
        SELECT arn, execution_id, pipeline_name, pipeline_arn, pipeline_version, status, failure_reason, display_name,
               description, parameters_json, max_parallel_execution_steps, selective_execution_json, creation_time,
               last_modified_time, experiment_name, trial_name
        FROM executions
        """;

    /// <summary>One execution by ARN: the row's version, then the columns of <see cref="ExecutionSelect"/>.</summary>
    private static readonly string GetExecutionSql = "SELECT version, " + ExecutionSelect["SELECT ".Length..] + " WHERE arn = $arn;";

    /// <summary>Inserts an execution (parameters of <see cref="ExecutionRow"/>).</summary>
    private const string InsertExecutionSql = """
        INSERT INTO executions (arn, execution_id, pipeline_name, pipeline_arn, pipeline_version, status,
                                failure_reason, display_name, description, parameters_json,
                                max_parallel_execution_steps, selective_execution_json, creation_time,
                                last_modified_time, experiment_name, trial_name)
        VALUES (@Arn, @ExecutionId, @PipelineName, @PipelineArn, @PipelineVersion, @Status, @FailureReason,
                @DisplayName, @Description, @ParametersJson, @MaxParallelExecutionSteps, @SelectiveExecutionJson,
                @CreationTime, @LastModifiedTime, @ExperimentName, @TrialName);
        """;

    /// <summary>
    /// Replaces every column of an execution but its ARN (parameters of <see cref="ExecutionRow"/>) and increments its
    /// <c>version</c>, which tells page reads that their kept summary of the row is stale (<see cref="EndedExecutionCache{T}"/>);
    /// conditions may follow.
    /// </summary>
    private const string UpdateExecutionSql = """
        UPDATE executions SET
            version = version + 1,
            execution_id = @ExecutionId, pipeline_name = @PipelineName, pipeline_arn = @PipelineArn,
            pipeline_version = @PipelineVersion, status = @Status, failure_reason = @FailureReason,
            display_name = @DisplayName, description = @Description, parameters_json = @ParametersJson,
            max_parallel_execution_steps = @MaxParallelExecutionSteps,
            selective_execution_json = @SelectiveExecutionJson, creation_time = @CreationTime,
            last_modified_time = @LastModifiedTime, experiment_name = @ExperimentName, trial_name = @TrialName
        WHERE arn = @Arn
        """;

    /// <inheritdoc/>
    /// <remarks>An execution whose ARN is already stored is an error (a <see cref="Microsoft.Data.Sqlite.SqliteException"/>).</remarks>
    public Task CreateExecutionAsync(ExecutionRecord execution, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                InsertExecutionSql,
                ExecutionRow.From(execution),
                cancellationToken,
                transaction)),
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Every column but the ARN is replaced.</remarks>
    /// <exception cref="KeyNotFoundException">No execution has that ARN.</exception>
    public Task UpdateExecutionAsync(ExecutionRecord execution, CancellationToken cancellationToken) =>
        FinishExecutionAsync(execution, [], cancellationToken);

    /// <inheritdoc/>
    /// <remarks>One write of the group commit (one savepoint): the execution's row, then (when it was there) the steps' records.</remarks>
    public async Task FinishExecutionAsync(ExecutionRecord execution, IReadOnlyCollection<StepRecord> steps, CancellationToken cancellationToken)
    {
        var rows = steps.Select(StepRow.From).ToList();
        var updated = await WriteAsync(
            (connection, transaction) =>
            {
                var changed = WriteExecution(
                    WriteStatement(connection, transaction, UpdateExecutionByArnSql, ExecutionParameters), ExecutionRow.From(execution));
                if (changed > 0 && rows.Count > 0)
                {
                    WriteSteps(WriteStatement(connection, transaction, SaveStepSql, StepParameters), rows);
                }

                return Task.FromResult(changed);
            },
            cancellationToken);
        if (updated == 0)
        {
            throw new KeyNotFoundException($"There is no execution '{execution.Arn}' to update.");
        }
    }

    /// <inheritdoc/>
    public Task<ExecutionRecord?> GetExecutionAsync(string arn, CancellationToken cancellationToken) =>
        ReadPreparedAsync(
            lease =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                // The row's version first: an ended execution read before at that version is not read again.
                var command = lease.Prepared(GetExecutionSql, "$arn");
                command.Parameters[0].Value = arn;
                using var reader = command.ExecuteReader();
                if (!reader.Read())
                {
                    return Task.FromResult<ExecutionRecord?>(null);
                }

                var version = reader.GetInt64(0);
                if (recordCache.Find(arn, version) is not { } execution)
                {
                    execution = ReadExecution(reader, 1);
                    recordCache.Keep(arn, execution.Status, version, execution);
                }

                return Task.FromResult<ExecutionRecord?>(execution);
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Ties of creation time are ordered by ARN, ascending.</remarks>
    public Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? pipelineName, CancellationToken cancellationToken) =>
        pipelineName is null
            ? QueryExecutionsAsync($"{ExecutionSelect} ORDER BY creation_time DESC, arn;", null, cancellationToken)
            : QueryExecutionsAsync(
                $"{ExecutionSelect} WHERE pipeline_name = $name ORDER BY creation_time DESC, arn;", pipelineName, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Ties of creation time are ordered by ARN.</remarks>
    public Task<IReadOnlyList<ExecutionRecord>> ListUnfinishedExecutionsAsync(CancellationToken cancellationToken) =>
        QueryExecutionsAsync(
            $"{ExecutionSelect} WHERE status IN ('Executing', 'Stopping') ORDER BY creation_time, arn;", null, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// Reads one row more than the page holds, to tell whether more follow, through an index in the page's order
    /// (<c>executions_by_pipeline_created</c>, <c>executions_by_pipeline_arn</c>), so a page costs the same however
    /// many executions the pipeline has: one query, and a second one (does the pipeline exist?) only for an empty page.
    /// </remarks>
    public Task<ExecutionPage?> ListExecutionsPageAsync(ExecutionPageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        var (sql, names, values) = PageQuery(query);
        return ReadPreparedAsync(
            lease =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var command = lease.Prepared(sql, names);
                for (var i = 0; i < values.Length; i++)
                {
                    command.Parameters[i].Value = values[i];
                }

                var executions = new List<ExecutionSummary>(Math.Min(query.Limit, 1000) + 1);
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        // An ended execution's summary is read once: while the row's version stays, only the ARN and
                        // the version are read (each column read is a call into SQLite and a string).
                        var arn = reader.GetString(0);
                        var version = reader.GetInt64(1);
                        if (summaryCache.Find(arn, version) is not { } summary)
                        {
                            summary = new ExecutionSummary(
                                arn,
                                SqliteValues.ToExecutionStatus(reader.GetString(2)),
                                SqliteValues.ToTime(reader.GetString(3)),
                                NullableString(reader, 4),
                                NullableString(reader, 5),
                                NullableString(reader, 6));
                            summaryCache.Keep(arn, summary.Status, version, summary);
                        }

                        executions.Add(summary);
                    }
                }

                if (executions.Count == 0 && !PipelineExists(lease, query.PipelineName))
                {
                    // Asked only of an empty page: the page query reads rows only of a pipeline that exists.
                    return Task.FromResult<ExecutionPage?>(null);
                }

                var hasMore = executions.Count > query.Limit;
                if (hasMore)
                {
                    executions.RemoveAt(executions.Count - 1);
                }

                return Task.FromResult<ExecutionPage?>(new ExecutionPage(executions, hasMore));
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<DateTimeOffset?> GetLastExecutionTimeAsync(string pipelineName, CancellationToken cancellationToken) =>
        ReadPreparedAsync(
            lease =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var command = lease.Prepared("SELECT MAX(creation_time) FROM executions WHERE pipeline_name = $name;", "$name");
                command.Parameters[0].Value = pipelineName;
                return Task.FromResult(command.ExecuteScalar() is string time ? SqliteValues.ToTime(time) : (DateTimeOffset?)null);
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The newest is the first in the order of <see cref="ListExecutionsAsync"/>: latest creation time, then lowest ARN.</remarks>
    public Task<IReadOnlyDictionary<long, string>> GetLastExecutionPerVersionAsync(string pipelineName, CancellationToken cancellationToken) =>
        ReadPreparedAsync(
            lease =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var command = lease.Prepared(
                    """
                    SELECT pipeline_version, arn FROM (
                        SELECT pipeline_version, arn,
                               ROW_NUMBER() OVER (PARTITION BY pipeline_version ORDER BY creation_time DESC, arn) AS position
                        FROM executions WHERE pipeline_name = $name)
                    WHERE position = 1;
                    """,
                    "$name");
                command.Parameters[0].Value = pipelineName;
                var last = new Dictionary<long, string>();
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    last[reader.GetInt64(0)] = reader.GetString(1);
                }

                return Task.FromResult<IReadOnlyDictionary<long, string>>(last);
            },
            cancellationToken);

    /// <summary>The SQL of a page query, its parameters' names and values; one statement per shape, prepared once per connection.</summary>
    private static (string Sql, string[] Names, object[] Values) PageQuery(ExecutionPageQuery query)
    {
        var sql = new System.Text.StringBuilder(
            "SELECT arn, version, status, creation_time, display_name, description, failure_reason FROM executions WHERE pipeline_name = $name"
            + " AND EXISTS (SELECT 1 FROM pipelines WHERE name = $name)"); // evaluated once: rows only of a pipeline that exists
        var names = new List<string>(6) { "$name" };
        var values = new List<object>(6) { query.PipelineName };
        if (query.CreatedAfter is { } after)
        {
            sql.Append(" AND creation_time > $after");
            names.Add("$after");
            values.Add(SqliteValues.FromTime(after));
        }

        if (query.CreatedBefore is { } before)
        {
            sql.Append(" AND creation_time < $before");
            names.Add("$before");
            values.Add(SqliteValues.FromTime(before));
        }

        var byTime = query.SortBy == ExecutionSortBy.CreationTime;
        if (query.After is { } cursor)
        {
            // Strictly after the cursor in the page's order. By time, ties run by ARN the other way round.
            sql.Append((byTime, query.Ascending) switch
            {
                (true, false) => " AND creation_time <= $time AND (creation_time < $time OR arn > $arn)",
                (true, true) => " AND creation_time >= $time AND (creation_time > $time OR arn < $arn)",
                (false, false) => " AND arn < $arn",
                (false, true) => " AND arn > $arn",
            });
            if (byTime)
            {
                names.Add("$time");
                values.Add(SqliteValues.FromTime(cursor.CreationTime));
            }

            names.Add("$arn");
            values.Add(cursor.Arn);
        }

        sql.Append((byTime, query.Ascending) switch
        {
            (true, false) => " ORDER BY creation_time DESC, arn",
            (true, true) => " ORDER BY creation_time, arn DESC",
            (false, false) => " ORDER BY arn DESC",
            (false, true) => " ORDER BY arn",
        });
        sql.Append(" LIMIT $limit;");
        names.Add("$limit");
        values.Add((long)query.Limit + 1);
        return (sql.ToString(), [.. names], [.. values]);
    }

    private static bool PipelineExists(ReadConnection lease, string name)
    {
        var command = lease.Prepared("SELECT EXISTS (SELECT 1 FROM pipelines WHERE name = $name);", "$name");
        command.Parameters[0].Value = name;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    private Task<IReadOnlyList<ExecutionRecord>> QueryExecutionsAsync(
        string sql, string? pipelineName, CancellationToken cancellationToken) =>
        ReadPreparedAsync(
            lease =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var command = pipelineName is null ? lease.Prepared(sql) : lease.Prepared(sql, "$name");
                if (pipelineName is not null)
                {
                    command.Parameters[0].Value = pipelineName;
                }

                var records = new List<ExecutionRecord>();
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    records.Add(ReadExecution(reader));
                }

                return Task.FromResult<IReadOnlyList<ExecutionRecord>>(records);
            },
            cancellationToken);

    /// <summary>An execution from a row of <see cref="ExecutionSelect"/>'s columns, starting at column <paramref name="first"/>.</summary>
    private static ExecutionRecord ReadExecution(SqliteDataReader reader, int first = 0) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        reader.GetString(first + 2),
        reader.GetString(first + 3),
        reader.GetInt64(first + 4),
        SqliteValues.ToExecutionStatus(reader.GetString(first + 5)),
        NullableString(reader, first + 6),
        NullableString(reader, first + 7),
        NullableString(reader, first + 8),
        SqliteValues.ToParameters(reader.GetString(first + 9)),
        reader.IsDBNull(first + 10) ? null : reader.GetInt32(first + 10),
        NullableString(reader, first + 11),
        SqliteValues.ToTime(reader.GetString(first + 12)),
        SqliteValues.ToTime(reader.GetString(first + 13)),
        ExecutionRow.ToExperiment(NullableString(reader, first + 14), NullableString(reader, first + 15)));

    private static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
