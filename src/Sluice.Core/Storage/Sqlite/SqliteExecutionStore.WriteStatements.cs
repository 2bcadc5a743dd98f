using Microsoft.Data.Sqlite;
using Sluice.Core.Storage.Rows;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>
/// The statements every started execution writes (its row, its steps' records, its end), prepared once on the write
/// connection and run again with new values: Microsoft.Data.Sqlite parses a command's SQL again for every new command
/// (which is what Dapper makes for each call), and SQLite's parser showed in the profile of a Start under load
/// (docs/performance.md, "Start: CPU per request"). Only the write loop uses the write connection, one write at a time,
/// so the statements need no lock.
/// </summary>
public sealed partial class SqliteExecutionStore
{
    private static readonly string[] ExecutionParameters =
    [
        "@Arn", "@ExecutionId", "@PipelineName", "@PipelineArn", "@PipelineVersion", "@Status", "@FailureReason",
        "@DisplayName", "@Description", "@ParametersJson", "@MaxParallelExecutionSteps", "@SelectiveExecutionJson",
        "@CreationTime", "@LastModifiedTime", "@ExperimentName", "@TrialName",
    ];

    private static readonly string[] StepParameters =
    [
        "@ExecutionArn", "@StepName", "@StepType", "@Status", "@StartTime", "@EndTime", "@AttemptCount",
        "@FailureReason", "@MetadataJson", "@PropertiesJson", "@CacheSourceExecutionArn",
        "@SelectiveSourceExecutionArn", "@NextAttemptTime", "@JobJson",
    ];

    private const string PipelineStoredSql = """
        SELECT EXISTS (SELECT 1 FROM pipelines
                       WHERE name = @Name AND version = @Version AND definition_text = @DefinitionText);
        """;

    /// <summary>An execution's every column replaced by its ARN (<see cref="UpdateExecutionSql"/> with nothing after).</summary>
    private const string UpdateExecutionByArnSql = UpdateExecutionSql + ";";

    private readonly Dictionary<string, SqliteCommand> writeStatements = new(StringComparer.Ordinal);
    private SqliteConnection? writeStatementsConnection;
    private long preparedWriteStatements;

    /// <summary>Gets how many write statements have been prepared so far (tests: a statement run again is not prepared again).</summary>
    internal long PreparedWriteStatements => Interlocked.Read(ref preparedWriteStatements);

    /// <summary>Whether the pipeline version the execution runs is stored with that definition, inside a write.</summary>
    private static long PipelineStored(SqliteCommand command, ExecutionRecord execution, string definitionText)
    {
        command.Parameters[0].Value = execution.PipelineName;
        command.Parameters[1].Value = execution.PipelineVersion;
        command.Parameters[2].Value = definitionText;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Inserts (<see cref="InsertExecutionSql"/>) or replaces (<see cref="UpdateExecutionSql"/>) an execution's row; the rows changed.</summary>
    private static int WriteExecution(SqliteCommand command, ExecutionRow row)
    {
        var p = command.Parameters;
        p[0].Value = row.Arn;
        p[1].Value = row.ExecutionId;
        p[2].Value = row.PipelineName;
        p[3].Value = row.PipelineArn;
        p[4].Value = row.PipelineVersion;
        p[5].Value = row.Status;
        p[6].Value = Value(row.FailureReason);
        p[7].Value = Value(row.DisplayName);
        p[8].Value = Value(row.Description);
        p[9].Value = row.ParametersJson;
        p[10].Value = row.MaxParallelExecutionSteps is { } limit ? limit : DBNull.Value;
        p[11].Value = Value(row.SelectiveExecutionJson);
        p[12].Value = row.CreationTime;
        p[13].Value = row.LastModifiedTime;
        p[14].Value = Value(row.ExperimentName);
        p[15].Value = Value(row.TrialName);
        return command.ExecuteNonQuery();
    }

    /// <summary>Saves step records (<see cref="SaveStepSql"/>), one run of the statement each; the rows changed.</summary>
    private static int WriteSteps(SqliteCommand command, IReadOnlyList<StepRow> rows)
    {
        var changed = 0;
        var p = command.Parameters;
        foreach (var row in rows)
        {
            p[0].Value = row.ExecutionArn;
            p[1].Value = row.StepName;
            p[2].Value = row.StepType;
            p[3].Value = row.Status;
            p[4].Value = Value(row.StartTime);
            p[5].Value = Value(row.EndTime);
            p[6].Value = row.AttemptCount;
            p[7].Value = Value(row.FailureReason);
            p[8].Value = Value(row.MetadataJson);
            p[9].Value = Value(row.PropertiesJson);
            p[10].Value = Value(row.CacheSourceExecutionArn);
            p[11].Value = Value(row.SelectiveSourceExecutionArn);
            p[12].Value = Value(row.NextAttemptTime);
            p[13].Value = Value(row.JobJson);
            changed += command.ExecuteNonQuery();
        }

        return changed;
    }

    /// <summary>
    /// Forgets old answers and inserts the token's row with its answer (<see cref="ClientTokenSql.Insert"/>), as
    /// <see cref="ClientTokenSql.ClaimAnsweredAsync"/> begins; whether the row went in (otherwise the token is taken,
    /// and the shared claim decides what that means).
    /// </summary>
    private bool ClaimNewToken(SqliteConnection connection, SqliteTransaction transaction, ClientTokenWrite token)
    {
        var forget = WriteStatement(connection, transaction, ClientTokenSql.Forget, "@Before");
        forget.Parameters[0].Value = SqliteValues.FromTime(token.ForgetBefore);
        forget.ExecuteNonQuery();
        var insert = WriteStatement(connection, transaction, ClientTokenSql.Insert, "@Operation", "@Token", "@RequestBody", "@ResponseBody", "@Now");
        var answer = token.Answer;
        insert.Parameters[0].Value = answer.Operation;
        insert.Parameters[1].Value = answer.Token;
        insert.Parameters[2].Value = answer.RequestBody;
        insert.Parameters[3].Value = Value(answer.ResponseBody);
        insert.Parameters[4].Value = SqliteValues.FromTime(answer.CreationTime);
        return insert.ExecuteNonQuery() == 1;
    }

    private static object Value(string? text) => text is null ? DBNull.Value : text;

    /// <summary>
    /// The statement for <paramref name="sql"/> on the write connection, prepared on first use, in
    /// <paramref name="transaction"/>, its parameters (named <paramref name="parameterNames"/>, in that order) to be
    /// given values by position.
    /// </summary>
    private SqliteCommand WriteStatement(
        SqliteConnection connection, SqliteTransaction transaction, string sql, params ReadOnlySpan<string> parameterNames)
    {
        if (!ReferenceEquals(connection, writeStatementsConnection))
        {
            DisposeWriteStatements();
            writeStatementsConnection = connection;
        }

        if (!writeStatements.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            try
            {
                command.CommandText = sql;
                foreach (var name in parameterNames)
                {
                    command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
                }

                command.Transaction = transaction;
                command.Prepare();
            }
            catch
            {
                command.Dispose();
                throw;
            }

            writeStatements.Add(sql, command);
            Interlocked.Increment(ref preparedWriteStatements);
        }

        command.Transaction = transaction;
        return command;
    }

    /// <summary>Disposes the write connection's prepared statements (before the connection is closed or replaced).</summary>
    private void DisposeWriteStatements()
    {
        foreach (var command in writeStatements.Values)
        {
            command.Dispose();
        }

        writeStatements.Clear();
        writeStatementsConnection = null;
    }
}
