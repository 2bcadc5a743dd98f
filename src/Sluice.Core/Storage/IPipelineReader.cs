namespace Sluice.Core.Storage;

/// <summary>
/// Reads pipelines and their versions (the read side of <see cref="IPipelineStore"/>). A read sees every write whose
/// task has completed.
/// </summary>
public interface IPipelineReader
{
    /// <summary>A pipeline's latest version, or the given one; <see langword="null"/> when there is none.</summary>
    Task<PipelineRecord?> GetPipelineAsync(string name, long? version, CancellationToken cancellationToken);

    /// <summary>
    /// A pipeline's latest version, or the given one, without its definition or descriptions (what a start reads each
    /// time); <see langword="null"/> when there is none.
    /// </summary>
    Task<PipelineVersionHead?> GetPipelineHeadAsync(string name, long? version, CancellationToken cancellationToken);

    /// <summary>Every pipeline, latest versions only, ordered by name.</summary>
    Task<IReadOnlyList<PipelineRecord>> ListPipelinesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// When each of the given pipelines' newest execution was created (ListPipelines' LastExecutionTime), for a page of
    /// pipelines in one read. A pipeline without executions, or a name of none, has no entry.
    /// </summary>
    /// <param name="pipelineNames">The pipelines (a page of them: a hundred at the most is what the store expects).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The creation time of each pipeline's newest execution, by pipeline name.</returns>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetLastExecutionTimesAsync(
        IReadOnlyCollection<string> pipelineNames, CancellationToken cancellationToken);

    /// <summary>Every version of a pipeline, oldest first.</summary>
    Task<IReadOnlyList<PipelineRecord>> ListPipelineVersionsAsync(string name, CancellationToken cancellationToken);
}
