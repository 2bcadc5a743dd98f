namespace Sluice.Core.Storage;

/// <summary>
/// Tags of SageMaker resources (pipelines, jobs, models, model packages), by resource ARN: what AddTags, ListTags and
/// DeleteTags read and write, and the Tags of CreatePipeline. A wire concern: only the server uses it. A role of its
/// own, apart from <see cref="ISluiceStore"/>, so that a backend can add it on its own; the server serves the tagging
/// operations when its store implements it. Every method has finished writing when its task completes.
/// </summary>
public interface ITagStore
{
    /// <summary>Adds tags to a resource, replacing the value of a key it already has.</summary>
    /// <param name="resourceArn">The resource.</param>
    /// <param name="tags">The tags.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the tags are durable.</returns>
    Task AddTagsAsync(string resourceArn, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken);

    /// <summary>A resource's tags, ordered by key (ordinal).</summary>
    /// <param name="resourceArn">The resource.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tags; none when the resource has none.</returns>
    Task<IReadOnlyList<ResourceTag>> ListTagsAsync(string resourceArn, CancellationToken cancellationToken);

    /// <summary>Removes tags from a resource by key; keys it does not have are ignored.</summary>
    /// <param name="resourceArn">The resource.</param>
    /// <param name="keys">The keys.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the removal is durable.</returns>
    Task DeleteTagsAsync(string resourceArn, IReadOnlyList<string> keys, CancellationToken cancellationToken);
}
