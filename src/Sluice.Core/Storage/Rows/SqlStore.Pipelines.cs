namespace Sluice.Core.Storage.Rows;

/// <summary>Pipelines and their versions (<see cref="IPipelineStore"/>); the statements are <see cref="PipelineSql"/> and <see cref="PipelineWriteSql"/>.</summary>
public abstract partial class SqlStore
{
    private long pipelineReads;

    /// <inheritdoc/>
    /// <remarks>
    /// The version in <paramref name="pipeline"/> is ignored. A later version keeps the creation time of the pipeline's
    /// first version. The write holds the pipeline's lock (<see cref="SqlDialect.LockAsync"/>).
    /// </remarks>
    public Task<PipelineRecord> AddPipelineVersionAsync(PipelineRecord pipeline, CancellationToken cancellationToken) =>
        WriteSqlAsync((connection, transaction) => PipelineWriteSql.AddVersionAsync(connection, transaction, Dialect, pipeline, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// The version in <paramref name="pipeline"/> is ignored. The existence check runs under the pipeline's lock (SQLite's
    /// single writer, PostgreSQL's advisory lock); the primary key on (name, version) is the final arbiter all the same.
    /// </remarks>
    public Task<PipelineRecord?> CreatePipelineAsync(PipelineRecord pipeline, CancellationToken cancellationToken) =>
        WriteSqlAsync((connection, transaction) => PipelineWriteSql.CreateAsync(connection, transaction, Dialect, pipeline, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    /// <remarks><paramref name="next"/> runs inside the write, under the pipeline's lock: it must be quick and touch nothing else.</remarks>
    public Task<PipelineRecord?> UpdatePipelineAsync(
        string name, Func<PipelineRecord, PipelineRecord> next, CancellationToken cancellationToken) =>
        WriteSqlAsync((connection, transaction) => PipelineWriteSql.UpdateAsync(connection, transaction, Dialect, name, next, cancellationToken), cancellationToken);

    /// <summary>Gets how many whole pipeline versions (definition included) <see cref="GetPipelineAsync"/> has read (tests: a start reads a version it has seen no more).</summary>
    internal long PipelineReads => Interlocked.Read(ref pipelineReads);

    /// <inheritdoc/>
    public Task<PipelineRecord?> GetPipelineAsync(string name, long? version, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref pipelineReads);
        return ReadSqlAsync(connection => PipelineSql.GetAsync(connection, name, version, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public virtual Task<PipelineVersionHead?> GetPipelineHeadAsync(string name, long? version, CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => PipelineSql.GetHeadAsync(connection, name, version, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<PipelineRecord>> ListPipelinesAsync(CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => PipelineSql.ListAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetLastExecutionTimesAsync(
        IReadOnlyCollection<string> pipelineNames, CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => PipelineSql.LastExecutionTimesAsync(connection, Dialect, pipelineNames, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<PipelineRecord>> ListPipelineVersionsAsync(string name, CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => PipelineSql.ListVersionsAsync(connection, name, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<PipelineRecord?> UpdatePipelineVersionAsync(
        string name, long version, string? displayName, string? description, CancellationToken cancellationToken) =>
        WriteSqlAsync(
            (connection, transaction) => PipelineWriteSql.UpdateVersionAsync(connection, transaction, name, version, displayName, description, cancellationToken),
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// SageMaker deletes a pipeline only when none of its executions runs (ConflictException otherwise); finished
    /// executions go with it, with their steps and Callback tokens. Cache entries and job records are kept. The backend
    /// runs <see cref="PipelineWriteSql.DeleteAsync"/> with what it keeps of executions besides.
    /// </remarks>
    public abstract Task<PipelineDeletion> DeletePipelineAsync(string name, CancellationToken cancellationToken);
}
