using Dapper;
using Sluice.Core.Storage.Rows;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>Starting an execution, or starting one again: each check and the write it allows in one write.</summary>
public sealed partial class SqliteExecutionStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// The write loop runs one write at a time (and <c>BEGIN IMMEDIATE</c> holds the file's write lock between
    /// processes), so a <see cref="DeletePipelineAsync"/> runs wholly before this write, and then the pipeline is gone
    /// and nothing is stored, or wholly after it, and then it finds this execution Executing and refuses. The definition
    /// is compared too: a pipeline deleted and created again has a version of the same number that may run another one.
    /// </remarks>
    public async Task<bool> StartExecutionAsync(
        ExecutionRecord execution, string definitionText, IReadOnlyCollection<StepRecord> steps, CancellationToken cancellationToken) =>
        (await StartExecutionAsync(execution, definitionText, steps, token: null, cancellationToken)).Stored;

    /// <inheritdoc/>
    /// <remarks>
    /// One write of the group commit, so one savepoint of a transaction whose single fsync it shares with whatever else
    /// was queued: the token's row (inserted whole, with its answer), the execution and its steps. The write loop runs
    /// one write at a time and <c>BEGIN IMMEDIATE</c> holds the file's write lock between processes, so of two starts
    /// with one token the second finds the first's row.
    /// </remarks>
    public Task<ExecutionStart> StartExecutionAsync(
        ExecutionRecord execution, string definitionText, IReadOnlyCollection<StepRecord> steps, ClientTokenWrite? token, CancellationToken cancellationToken)
    {
        var stepRows = steps.Select(StepRow.From).ToList();
        return WriteAsync(
            async (connection, transaction) =>
            {
                // The usual case, a new token, on prepared statements; a token found taken goes the shared way (which
                // finds the row, waits out or takes over a pending claim).
                if (token is not null && !ClaimNewToken(connection, transaction, token)
                    && await ClientTokenSql.ClaimAnsweredAsync(connection, transaction, token, cancellationToken) is { Claimed: false } taken)
                {
                    return ExecutionStart.TokenTaken(taken);
                }

                var pipelineStored = PipelineStored(
                    WriteStatement(connection, transaction, PipelineStoredSql, "@Name", "@Version", "@DefinitionText"), execution, definitionText);
                if (pipelineStored == 0)
                {
                    if (token is not null)
                    {
                        await connection.ExecuteAsync(Command(
                            ClientTokenSql.Unclaim, new { token.Answer.Operation, token.Answer.Token }, cancellationToken, transaction));
                    }

                    return ExecutionStart.PipelineGone;
                }

                WriteExecution(WriteStatement(connection, transaction, InsertExecutionSql, ExecutionParameters), ExecutionRow.From(execution));
                if (stepRows.Count > 0)
                {
                    WriteSteps(WriteStatement(connection, transaction, SaveStepSql, StepParameters), stepRows);
                }

                return ExecutionStart.Started;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>One conditional <c>UPDATE</c>: the status it checks is the one it replaces.</remarks>
    public Task<bool> TryUpdateExecutionAsync(
        ExecutionRecord execution, IReadOnlyCollection<ExecutionStatus> expected, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(ExecutionRow.From(execution));
        parameters.Add("Expected", expected.Select(status => status.ToString()).ToList());
        return WriteAsync(
            async (connection, transaction) =>
                await connection.ExecuteAsync(Command(UpdateExecutionSql + " AND status IN @Expected;", parameters, cancellationToken, transaction)) > 0,
            cancellationToken);
    }
}
