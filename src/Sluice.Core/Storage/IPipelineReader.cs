namespace Sluice.Core.Storage;

/// <summary>
/// Reads pipelines and their versions (the read side of <see cref="IPipelineStore"/>). A read sees every write whose
/// task has completed.
/// </summary>
public interface IPipelineReader
{
    /// <summary>A pipeline's latest version, or the given one; <see langword="null"/> when there is none.</summary>
    Task<PipelineRecord?> GetPipelineAsync(string name, long? version, CancellationToken cancellationToken);

    /// <summary>Every pipeline, latest versions only, ordered by name.</summary>
    Task<IReadOnlyList<PipelineRecord>> ListPipelinesAsync(CancellationToken cancellationToken);

    /// <summary>Every version of a pipeline, oldest first.</summary>
    Task<IReadOnlyList<PipelineRecord>> ListPipelineVersionsAsync(string name, CancellationToken cancellationToken);
}
