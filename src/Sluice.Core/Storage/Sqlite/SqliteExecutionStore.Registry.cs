using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>The local model registry: models and versioned model packages; the statements are <see cref="RegistrySql"/>.</summary>
public sealed partial class SqliteExecutionStore
{
    /// <inheritdoc/>
    public Task SaveModelAsync(ModelRecord model, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => RegistrySql.SaveModelAsync(connection, transaction, model, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<ModelRecord?> GetModelAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(connection => RegistrySql.GetModelAsync(connection, Dialect, name, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken cancellationToken) =>
        ReadAsync(connection => RegistrySql.ListModelsAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<ModelPackageRecord> AddModelPackageAsync(string groupName, Func<int, ModelPackageRecord> build, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => RegistrySql.AddModelPackageAsync(connection, transaction, Dialect, groupName, build, cancellationToken),
            cancellationToken);

    /// <inheritdoc/>
    public Task<ModelPackageRecord?> GetModelPackageAsync(string groupName, int version, CancellationToken cancellationToken) =>
        ReadAsync(connection => RegistrySql.GetModelPackageAsync(connection, Dialect, groupName, version, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ModelPackageRecord>> ListModelPackagesAsync(string? groupName, CancellationToken cancellationToken) =>
        ReadAsync(connection => RegistrySql.ListModelPackagesAsync(connection, Dialect, groupName, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> UpdateModelPackageAsync(ModelPackageRecord package, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => RegistrySql.UpdateModelPackageAsync(connection, transaction, package, cancellationToken), cancellationToken);
}
