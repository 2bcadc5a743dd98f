using Dapper;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>Callback step tokens.</summary>
public sealed partial class PostgresStore
{
    private const string CallbackColumns = """
        token AS Token, execution_arn AS ExecutionArn, step_name AS StepName, status AS Status,
        output_parameters_json AS OutputParametersJson, failure_reason AS FailureReason, creation_time AS CreationTime
        """;

    /// <inheritdoc/>
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
            async connection => (await connection.QuerySingleOrDefaultAsync<CallbackRow>(Command(
                $"SELECT {CallbackColumns} FROM callbacks WHERE token = @Token;", new { Token = token }, cancellationToken)))?.ToRecord(),
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>One conditional <c>UPDATE</c>: of concurrent answers on any servers exactly one finds the token Pending.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is <see cref="CallbackStatus.Pending"/>.</exception>
    public Task<CallbackRecord?> CompleteCallbackAsync(
        string token, CallbackStatus status, string? outputParametersJson, string? failureReason, CancellationToken cancellationToken)
    {
        if (status is not (CallbackStatus.Succeeded or CallbackStatus.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A callback completes as Succeeded or Failed.");
        }

        return WriteAsync(
            async (connection, transaction) => (await connection.QuerySingleOrDefaultAsync<CallbackRow>(Command(
                $"""
                UPDATE callbacks SET status = @Status, output_parameters_json = @OutputParametersJson,
                                     failure_reason = @FailureReason
                WHERE token = @Token AND status = 'Pending'
                RETURNING {CallbackColumns};
                """,
                new { Token = token, Status = status.ToString(), OutputParametersJson = outputParametersJson, FailureReason = failureReason },
                cancellationToken,
                transaction)))?.ToRecord(),
            cancellationToken);
    }
}
