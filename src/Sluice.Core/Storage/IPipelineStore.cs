namespace Sluice.Core.Storage;

/// <summary>
/// Pipelines and their versions. Only the engine writes them (PipelineEngine); each write that decides something
/// (create if absent, delete unless running, next version) is decided inside the store's own write, so concurrent
/// callers on several hosts see one order. Every method has finished writing when its task completes (nothing is
/// reported before it is durable).
/// </summary>
public interface IPipelineStore : IPipelineReader
{
    /// <summary>Adds a pipeline version: version 1 when the name is new, otherwise the latest version + 1.</summary>
    /// <returns>The stored record, with its version number.</returns>
    Task<PipelineRecord> AddPipelineVersionAsync(PipelineRecord pipeline, CancellationToken cancellationToken);

    /// <summary>
    /// CreatePipeline: stores <paramref name="pipeline"/> as version 1 of a new pipeline, unless a pipeline of that name
    /// exists. Decided inside the write, so of concurrent creates of one name exactly one stores anything.
    /// </summary>
    /// <returns>The stored record; <see langword="null"/> when the name is taken (nothing is written then).</returns>
    Task<PipelineRecord?> CreatePipelineAsync(PipelineRecord pipeline, CancellationToken cancellationToken);

    /// <summary>
    /// UpdatePipeline: adds the next version of an existing pipeline. <paramref name="next"/> receives the latest version
    /// as stored inside the write and returns the new one (its name, ARN, version and creation time are the store's), so
    /// concurrent updates each build on the one before and get consecutive versions; a deleted pipeline is not revived.
    /// </summary>
    /// <returns>The stored version; <see langword="null"/> when there is no such pipeline (nothing is written then).</returns>
    Task<PipelineRecord?> UpdatePipelineAsync(string name, Func<PipelineRecord, PipelineRecord> next, CancellationToken cancellationToken);

    /// <summary>Sets a pipeline version's PipelineVersionDisplayName and PipelineVersionDescription (each only when given).</summary>
    /// <returns>The version as now stored, or <see langword="null"/> when there is no such version.</returns>
    Task<PipelineRecord?> UpdatePipelineVersionAsync(string name, long version, string? displayName, string? description, CancellationToken cancellationToken);

    /// <summary>
    /// DeletePipeline: deletes a pipeline, its versions and all its executions with their steps and tokens, unless one
    /// of its executions is Executing or Stopping. The check and the delete are one write, so an execution started
    /// concurrently (<see cref="IExecutionStore.StartExecutionAsync(ExecutionRecord, string, IReadOnlyCollection{StepRecord}, ClientTokenWrite?, CancellationToken)"/>) either exists before it, and the delete is refused, or finds
    /// the pipeline gone.
    /// </summary>
    /// <returns>What was decided, with the pipeline's ARN.</returns>
    Task<PipelineDeletion> DeletePipelineAsync(string name, CancellationToken cancellationToken);
}
