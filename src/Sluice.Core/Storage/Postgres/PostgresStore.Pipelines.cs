using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>
/// Pipelines and their versions; the statements are <see cref="PipelineSql"/> and <see cref="PipelineWriteSql"/>, and
/// every write that decides holds the pipeline's advisory lock.
/// </summary>
public sealed partial class PostgresStore
{
    /// <summary>The advisory lock of a pipeline's name, which starting an execution takes too.</summary>
    private const string PipelineLock = PipelineWriteSql.LockKind;

    /// <summary>What only PostgreSQL keeps of a pipeline's executions besides them: the servers' leases on them.</summary>
    private const string DeletePipelineLeasesSql =
        "DELETE FROM execution_leases WHERE execution_arn IN (SELECT arn FROM executions WHERE pipeline_name = @Name);";

    /// <inheritdoc/>
    /// <remarks>The version in <paramref name="pipeline"/> is ignored; a later version keeps the first one's creation time.</remarks>
    public Task<PipelineRecord> AddPipelineVersionAsync(PipelineRecord pipeline, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => PipelineWriteSql.AddVersionAsync(connection, transaction, Dialect, pipeline, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<PipelineRecord?> CreatePipelineAsync(PipelineRecord pipeline, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => PipelineWriteSql.CreateAsync(connection, transaction, Dialect, pipeline, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    /// <remarks><paramref name="next"/> runs inside the write, under the pipeline's lock: it must be quick and touch nothing else.</remarks>
    public Task<PipelineRecord?> UpdatePipelineAsync(
        string name, Func<PipelineRecord, PipelineRecord> next, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => PipelineWriteSql.UpdateAsync(connection, transaction, Dialect, name, next, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<PipelineRecord?> GetPipelineAsync(string name, long? version, CancellationToken cancellationToken) =>
        ReadAsync(connection => PipelineSql.GetAsync(connection, name, version, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<PipelineRecord>> ListPipelinesAsync(CancellationToken cancellationToken) =>
        ReadAsync(connection => PipelineSql.ListAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetLastExecutionTimesAsync(
        IReadOnlyCollection<string> pipelineNames, CancellationToken cancellationToken) =>
        ReadAsync(connection => PipelineSql.LastExecutionTimesAsync(connection, Dialect, pipelineNames, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<PipelineRecord>> ListPipelineVersionsAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(connection => PipelineSql.ListVersionsAsync(connection, name, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<PipelineRecord?> UpdatePipelineVersionAsync(
        string name, long version, string? displayName, string? description, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => PipelineWriteSql.UpdateVersionAsync(connection, transaction, name, version, displayName, description, cancellationToken),
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Finished executions go with the pipeline, with their steps, tokens and leases; cache entries and jobs stay.</remarks>
    public Task<PipelineDeletion> DeletePipelineAsync(string name, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => PipelineWriteSql.DeleteAsync(connection, transaction, Dialect, name, cancellationToken, DeletePipelineLeasesSql),
            cancellationToken);
}
