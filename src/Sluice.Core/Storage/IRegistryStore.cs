namespace Sluice.Core.Storage;

/// <summary>
/// The local model registry: models (Model steps) and model package versions (RegisterModel steps). Runners write them;
/// the server's registry API reads them and changes a package's approval. Every method has finished writing when its
/// task completes (nothing is reported before it is durable).
/// </summary>
public interface IRegistryStore
{
    /// <summary>Stores a model, replacing one of the same name.</summary>
    Task SaveModelAsync(ModelRecord model, CancellationToken cancellationToken);

    /// <summary>A model by name (in any case, as SageMaker names are), or <see langword="null"/>.</summary>
    Task<ModelRecord?> GetModelAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every model, ordered by name.</summary>
    Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Registers the next version of a model package group: <paramref name="build"/> receives the version (latest + 1,
    /// or 1 for a new group) inside the write, so version numbers are never shared.
    /// </summary>
    Task<ModelPackageRecord> AddModelPackageAsync(string groupName, Func<int, ModelPackageRecord> build, CancellationToken cancellationToken);

    /// <summary>One version of a group's packages, or <see langword="null"/>.</summary>
    Task<ModelPackageRecord?> GetModelPackageAsync(string groupName, int version, CancellationToken cancellationToken);

    /// <summary>A group's packages, newest version first; every group's when <paramref name="groupName"/> is <see langword="null"/>.</summary>
    Task<IReadOnlyList<ModelPackageRecord>> ListModelPackagesAsync(string? groupName, CancellationToken cancellationToken);

    /// <summary>Replaces a package's record (its approval status and Describe response).</summary>
    /// <returns>Whether the package existed.</returns>
    Task<bool> UpdateModelPackageAsync(ModelPackageRecord package, CancellationToken cancellationToken);
}
