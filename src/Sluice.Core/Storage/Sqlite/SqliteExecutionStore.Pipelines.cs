using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>Pipelines and their versions; the statements are <see cref="PipelineSql"/> and <see cref="PipelineWriteSql"/>.</summary>
public sealed partial class SqliteExecutionStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// The version in <paramref name="pipeline"/> is ignored. A later version keeps the creation time of the pipeline's
    /// first version.
    /// </remarks>
    public Task<PipelineRecord> AddPipelineVersionAsync(PipelineRecord pipeline, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => PipelineWriteSql.AddVersionAsync(connection, transaction, Dialect, pipeline, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<PipelineRecord?> CreatePipelineAsync(PipelineRecord pipeline, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => PipelineWriteSql.CreateAsync(connection, transaction, Dialect, pipeline, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    /// <remarks><paramref name="next"/> runs inside the write: it must be quick and touch nothing else.</remarks>
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
    /// <remarks>
    /// SageMaker deletes a pipeline only when none of its executions runs (ConflictException otherwise); finished
    /// executions go with it, with their steps and Callback tokens. Cache entries and job records are kept.
    /// </remarks>
    public Task<PipelineDeletion> DeletePipelineAsync(string name, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => PipelineWriteSql.DeleteAsync(connection, transaction, Dialect, name, cancellationToken),
            cancellationToken);
}
