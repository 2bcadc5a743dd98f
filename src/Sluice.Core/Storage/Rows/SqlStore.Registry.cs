namespace Sluice.Core.Storage.Rows;

/// <summary>The local model registry (<see cref="IRegistryStore"/>); the statements are <see cref="RegistrySql"/>.</summary>
public abstract partial class SqlStore
{
    /// <inheritdoc/>
    public Task SaveModelAsync(ModelRecord model, CancellationToken cancellationToken) =>
        WriteSqlAsync((connection, transaction) => RegistrySql.SaveModelAsync(connection, transaction, model, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<ModelRecord?> GetModelAsync(string name, CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => RegistrySql.GetModelAsync(connection, Dialect, name, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => RegistrySql.ListModelsAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Holds the group's lock (<see cref="SqlDialect.LockAsync"/>), so two writers registering at once get consecutive versions.</remarks>
    public Task<ModelPackageRecord> AddModelPackageAsync(string groupName, Func<int, ModelPackageRecord> build, CancellationToken cancellationToken) =>
        WriteSqlAsync(
            (connection, transaction) => RegistrySql.AddModelPackageAsync(connection, transaction, Dialect, groupName, build, cancellationToken),
            cancellationToken);

    /// <inheritdoc/>
    public Task<ModelPackageRecord?> GetModelPackageAsync(string groupName, int version, CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => RegistrySql.GetModelPackageAsync(connection, Dialect, groupName, version, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ModelPackageRecord>> ListModelPackagesAsync(string? groupName, CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => RegistrySql.ListModelPackagesAsync(connection, Dialect, groupName, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> UpdateModelPackageAsync(ModelPackageRecord package, CancellationToken cancellationToken) =>
        WriteSqlAsync((connection, transaction) => RegistrySql.UpdateModelPackageAsync(connection, transaction, package, cancellationToken), cancellationToken);
}
