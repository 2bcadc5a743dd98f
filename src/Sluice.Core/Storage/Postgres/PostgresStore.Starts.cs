using Dapper;
using Sluice.Core.Storage.Rows;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>Starting an execution, or starting one again: each check and the write it allows in one transaction.</summary>
public sealed partial class PostgresStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// Holds the pipeline's advisory lock, as <see cref="DeletePipelineAsync"/> does, so a delete on any server runs
    /// wholly before this write (and nothing is stored) or wholly after it (and finds this execution Executing).
    /// </remarks>
    public async Task<bool> StartExecutionAsync(
        ExecutionRecord execution, string definitionText, IReadOnlyCollection<StepRecord> steps, CancellationToken cancellationToken) =>
        (await StartExecutionAsync(execution, definitionText, steps, token: null, cancellationToken)).Stored;

    /// <inheritdoc/>
    /// <remarks>
    /// One transaction: the pipeline's advisory lock (as for the plain start), then the token's row inserted whole with
    /// its answer, then the execution and its steps. Two servers starting with one token at the same instant: the
    /// second's insert of the token waits on the first's uncommitted row (the primary key), then conflicts and reads
    /// the first answer, committed; if the first rolled back, the second inserts and acts.
    /// </remarks>
    public Task<ExecutionStart> StartExecutionAsync(
        ExecutionRecord execution, string definitionText, IReadOnlyCollection<StepRecord> steps, ClientTokenWrite? token, CancellationToken cancellationToken)
    {
        var stepRows = steps.Select(StepRow.From).ToList();
        return WriteAsync(
            async (connection, transaction) =>
            {
                await LockAsync(connection, transaction, PipelineLock, execution.PipelineName, cancellationToken);
                if (token is not null
                    && await ClientTokenSql.ClaimAnsweredAsync(connection, transaction, token, cancellationToken) is { Claimed: false } taken)
                {
                    return ExecutionStart.TokenTaken(taken);
                }

                var pipelineStored = await connection.ExecuteScalarAsync<bool>(Command(
                    """
                    SELECT EXISTS (SELECT 1 FROM pipelines
                                   WHERE name = @Name AND version = @Version AND definition_text = @DefinitionText);
                    """,
                    new { Name = execution.PipelineName, Version = execution.PipelineVersion, DefinitionText = definitionText },
                    cancellationToken,
                    transaction));
                if (!pipelineStored)
                {
                    if (token is not null)
                    {
                        await connection.ExecuteAsync(Command(
                            ClientTokenSql.Unclaim, new { token.Answer.Operation, token.Answer.Token }, cancellationToken, transaction));
                    }

                    return ExecutionStart.PipelineGone;
                }

                await connection.ExecuteAsync(Command(InsertExecutionSql, ExecutionRow.From(execution), cancellationToken, transaction));
                await SaveStepRowsAsync(connection, transaction, stepRows, cancellationToken);
                return ExecutionStart.Started;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>One conditional <c>UPDATE</c>, which PostgreSQL re-checks after waiting for a concurrent one: one of several wins.</remarks>
    public Task<bool> TryUpdateExecutionAsync(
        ExecutionRecord execution, IReadOnlyCollection<ExecutionStatus> expected, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(ExecutionRow.From(execution));
        parameters.Add("Expected", expected.Select(status => status.ToString()).ToArray());
        return WriteAsync(
            async (connection, transaction) =>
            {
                await CheckFenceAsync(connection, transaction, execution.Arn, cancellationToken);
                return await connection.ExecuteAsync(Command(UpdateExecutionSql + " AND status = ANY(@Expected);", parameters, cancellationToken, transaction)) > 0;
            },
            cancellationToken);
    }
}
