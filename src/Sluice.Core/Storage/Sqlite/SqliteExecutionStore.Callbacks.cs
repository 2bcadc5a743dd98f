using Dapper;
using Microsoft.Data.Sqlite;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>Callback step tokens.</summary>
public sealed partial class SqliteExecutionStore
{
    private const string CallbackColumns = """
        token AS Token, execution_arn AS ExecutionArn, step_name AS StepName, status AS Status,
        output_parameters_json AS OutputParametersJson, failure_reason AS FailureReason, creation_time AS CreationTime
        """;

    /// <inheritdoc/>
    /// <remarks>The record is stored as given (callers pass <see cref="CallbackStatus.Pending"/>); the execution must exist.</remarks>
    public Task CreateCallbackAsync(CallbackRecord callback, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                """
                INSERT INTO callbacks (token, execution_arn, step_name, status, output_parameters_json, failure_reason,
                                       creation_time)
                VALUES (@Token, @ExecutionArn, @StepName, @Status, @OutputParametersJson, @FailureReason, @CreationTime);
                """,
                CallbackRow.From(callback),
                cancellationToken,
                transaction)),
            cancellationToken);

    /// <inheritdoc/>
    public Task<CallbackRecord?> GetCallbackAsync(string token, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<CallbackRow>(Command(
                    $"SELECT {CallbackColumns} FROM callbacks WHERE token = @Token;", new { Token = token }, cancellationToken));
                return row?.ToRecord();
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is <see cref="CallbackStatus.Pending"/>.</exception>
    public Task<CallbackRecord?> CompleteCallbackAsync(
        string token,
        CallbackStatus status,
        string? outputParametersJson,
        string? failureReason,
        CancellationToken cancellationToken)
    {
        if (status is not (CallbackStatus.Succeeded or CallbackStatus.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A callback completes as Succeeded or Failed.");
        }

        return WriteAsync(
            async (connection, transaction) =>
            {
                var parameters = new
                {
                    Token = token,
                    Status = status.ToString(),
                    OutputParametersJson = outputParametersJson,
                    FailureReason = failureReason,
                };
                var updated = await connection.ExecuteAsync(Command(
                    """
                    UPDATE callbacks SET status = @Status, output_parameters_json = @OutputParametersJson,
                                         failure_reason = @FailureReason
                    WHERE token = @Token AND status = 'Pending';
                    """,
                    parameters,
                    cancellationToken,
                    transaction));
                return updated == 0 ? null : await ReadCallbackAsync(connection, transaction, token, cancellationToken);
            },
            cancellationToken);
    }

    private static async Task<CallbackRecord?> ReadCallbackAsync(
        SqliteConnection connection, SqliteTransaction transaction, string token, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<CallbackRow>(Command(
            $"SELECT {CallbackColumns} FROM callbacks WHERE token = @Token;", new { Token = token }, cancellationToken, transaction));
        return row?.ToRecord();
    }
}
