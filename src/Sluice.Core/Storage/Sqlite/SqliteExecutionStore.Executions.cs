using Dapper;
using Sluice.Core.Execution;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>Pipeline executions.</summary>
public sealed partial class SqliteExecutionStore
{
    private const string ExecutionColumns = """
        arn AS Arn, execution_id AS ExecutionId, pipeline_name AS PipelineName, pipeline_arn AS PipelineArn,
        pipeline_version AS PipelineVersion, status AS Status, failure_reason AS FailureReason, display_name AS DisplayName,
        description AS Description, parameters_json AS ParametersJson,
        max_parallel_execution_steps AS MaxParallelExecutionSteps, selective_execution_json AS SelectiveExecutionJson,
        creation_time AS CreationTime, last_modified_time AS LastModifiedTime
        """;

    /// <inheritdoc/>
    /// <remarks>An execution whose ARN is already stored is an error (a <see cref="Microsoft.Data.Sqlite.SqliteException"/>).</remarks>
    public Task CreateExecutionAsync(ExecutionRecord execution, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                """
                INSERT INTO executions (arn, execution_id, pipeline_name, pipeline_arn, pipeline_version, status,
                                        failure_reason, display_name, description, parameters_json,
                                        max_parallel_execution_steps, selective_execution_json, creation_time,
                                        last_modified_time)
                VALUES (@Arn, @ExecutionId, @PipelineName, @PipelineArn, @PipelineVersion, @Status, @FailureReason,
                        @DisplayName, @Description, @ParametersJson, @MaxParallelExecutionSteps, @SelectiveExecutionJson,
                        @CreationTime, @LastModifiedTime);
                """,
                ExecutionRow.From(execution),
                cancellationToken,
                transaction)),
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Every column but the ARN is replaced.</remarks>
    /// <exception cref="KeyNotFoundException">No execution has that ARN.</exception>
    public async Task UpdateExecutionAsync(ExecutionRecord execution, CancellationToken cancellationToken)
    {
        var updated = await WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                """
                UPDATE executions SET
                    execution_id = @ExecutionId, pipeline_name = @PipelineName, pipeline_arn = @PipelineArn,
                    pipeline_version = @PipelineVersion, status = @Status, failure_reason = @FailureReason,
                    display_name = @DisplayName, description = @Description, parameters_json = @ParametersJson,
                    max_parallel_execution_steps = @MaxParallelExecutionSteps,
                    selective_execution_json = @SelectiveExecutionJson, creation_time = @CreationTime,
                    last_modified_time = @LastModifiedTime
                WHERE arn = @Arn;
                """,
                ExecutionRow.From(execution),
                cancellationToken,
                transaction)),
            cancellationToken);
        if (updated == 0)
        {
            throw new KeyNotFoundException($"There is no execution '{execution.Arn}' to update.");
        }
    }

    /// <inheritdoc/>
    public Task<ExecutionRecord?> GetExecutionAsync(string arn, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<ExecutionRow>(Command(
                    $"SELECT {ExecutionColumns} FROM executions WHERE arn = @Arn;", new { Arn = arn }, cancellationToken));
                return row?.ToRecord();
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Ties of creation time are ordered by ARN, ascending.</remarks>
    public Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? pipelineName, CancellationToken cancellationToken) =>
        QueryExecutionsAsync(
            pipelineName is null
                ? $"SELECT {ExecutionColumns} FROM executions ORDER BY creation_time DESC, arn;"
                : $"SELECT {ExecutionColumns} FROM executions WHERE pipeline_name = @PipelineName ORDER BY creation_time DESC, arn;",
            new { PipelineName = pipelineName },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Ties of creation time are ordered by ARN.</remarks>
    public Task<IReadOnlyList<ExecutionRecord>> ListUnfinishedExecutionsAsync(CancellationToken cancellationToken) =>
        QueryExecutionsAsync(
            $"""
            SELECT {ExecutionColumns} FROM executions WHERE status IN ('Executing', 'Stopping')
            ORDER BY creation_time, arn;
            """,
            null,
            cancellationToken);

    private Task<IReadOnlyList<ExecutionRecord>> QueryExecutionsAsync(
        string sql, object? parameters, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection =>
            {
                var rows = await connection.QueryAsync<ExecutionRow>(Command(sql, parameters, cancellationToken));
                return (IReadOnlyList<ExecutionRecord>)[.. rows.Select(row => row.ToRecord())];
            },
            cancellationToken);

    /// <summary>A row of <c>executions</c>, as Dapper reads and writes it.</summary>
    private sealed class ExecutionRow
    {
        public string Arn { get; set; } = string.Empty;

        public string ExecutionId { get; set; } = string.Empty;

        public string PipelineName { get; set; } = string.Empty;

        public string PipelineArn { get; set; } = string.Empty;

        public long PipelineVersion { get; set; }

        public string Status { get; set; } = string.Empty;

        public string? FailureReason { get; set; }

        public string? DisplayName { get; set; }

        public string? Description { get; set; }

        public string ParametersJson { get; set; } = "[]";

        public int? MaxParallelExecutionSteps { get; set; }

        public string? SelectiveExecutionJson { get; set; }

        public string CreationTime { get; set; } = string.Empty;

        public string LastModifiedTime { get; set; } = string.Empty;

        public static ExecutionRow From(ExecutionRecord record) => new()
        {
            Arn = record.Arn,
            ExecutionId = record.ExecutionId,
            PipelineName = record.PipelineName,
            PipelineArn = record.PipelineArn,
            PipelineVersion = record.PipelineVersion,
            Status = record.Status.ToString(),
            FailureReason = record.FailureReason,
            DisplayName = record.DisplayName,
            Description = record.Description,
            ParametersJson = SqliteValues.FromParameters(record.Parameters),
            MaxParallelExecutionSteps = record.MaxParallelExecutionSteps,
            SelectiveExecutionJson = record.SelectiveExecutionJson,
            CreationTime = SqliteValues.FromTime(record.CreationTime),
            LastModifiedTime = SqliteValues.FromTime(record.LastModifiedTime),
        };

        public ExecutionRecord ToRecord() => new(
            Arn,
            ExecutionId,
            PipelineName,
            PipelineArn,
            PipelineVersion,
            Enum.Parse<ExecutionStatus>(Status),
            FailureReason,
            DisplayName,
            Description,
            SqliteValues.ToParameters(ParametersJson),
            MaxParallelExecutionSteps,
            SelectiveExecutionJson,
            SqliteValues.ToTime(CreationTime),
            SqliteValues.ToTime(LastModifiedTime));
    }
}
