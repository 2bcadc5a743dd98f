using Dapper;
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
    public Task<bool> StartExecutionAsync(
        ExecutionRecord execution, string definitionText, IReadOnlyCollection<StepRecord> steps, CancellationToken cancellationToken)
    {
        var stepRows = steps.Select(StepRow.From).ToList();
        return WriteAsync(
            async (connection, transaction) =>
            {
                var pipelineStored = await connection.ExecuteScalarAsync<long>(Command(
                    """
                    SELECT EXISTS (SELECT 1 FROM pipelines
                                   WHERE name = @Name AND version = @Version AND definition_text = @DefinitionText);
                    """,
                    new { Name = execution.PipelineName, Version = execution.PipelineVersion, DefinitionText = definitionText },
                    cancellationToken,
                    transaction));
                if (pipelineStored == 0)
                {
                    return false;
                }

                await connection.ExecuteAsync(Command(InsertExecutionSql, ExecutionRow.From(execution), cancellationToken, transaction));
                if (stepRows.Count > 0)
                {
                    await connection.ExecuteAsync(Command(SaveStepSql, stepRows, cancellationToken, transaction));
                }

                return true;
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
