using Dapper;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>The local model registry: models and versioned model packages.</summary>
public sealed partial class PostgresStore
{
    private const string ModelColumns = "name AS Name, arn AS Arn, describe_json AS DescribeJson, creation_time AS CreationTime";

    private const string PackageColumns =
        "group_name AS GroupName, version AS Version, arn AS Arn, approval_status AS ApprovalStatus, describe_json AS DescribeJson, " +
        "creation_time AS CreationTime, last_modified_time AS LastModifiedTime";

    /// <inheritdoc/>
    public Task SaveModelAsync(ModelRecord model, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                """
                INSERT INTO models (name, arn, describe_json, creation_time) VALUES (@Name, @Arn, @DescribeJson, @CreationTime)
                ON CONFLICT (name) DO UPDATE SET arn = excluded.arn, describe_json = excluded.describe_json, creation_time = excluded.creation_time;
                """,
                new { model.Name, model.Arn, model.DescribeJson, CreationTime = SqliteValues.FromTime(model.CreationTime) },
                cancellationToken,
                transaction)),
            cancellationToken);

    /// <inheritdoc/>
    public Task<ModelRecord?> GetModelAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection => (await connection.QueryFirstOrDefaultAsync<ModelRow>(Command(
                $"SELECT {ModelColumns} FROM models WHERE lower(name) = lower(@Name) ORDER BY name = @Name DESC, name LIMIT 1;",
                new { Name = name },
                cancellationToken)))?.ToRecord(),
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ModelRecord>>(
            async connection => [.. (await connection.QueryAsync<ModelRow>(Command(
                $"SELECT {ModelColumns} FROM models ORDER BY name;", null, cancellationToken))).Select(r => r.ToRecord())],
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Holds the group's advisory lock, so two servers registering at once get consecutive versions.</remarks>
    public Task<ModelPackageRecord> AddModelPackageAsync(string groupName, Func<int, ModelPackageRecord> build, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await LockAsync(connection, transaction, "model-package-group", groupName, cancellationToken);
                var latest = await connection.ExecuteScalarAsync<int?>(Command(
                    "SELECT MAX(version) FROM model_packages WHERE group_name = @GroupName;", new { GroupName = groupName }, cancellationToken, transaction));
                var package = build((latest ?? 0) + 1);
                await connection.ExecuteAsync(Command(
                    """
                    INSERT INTO model_packages (group_name, version, arn, approval_status, describe_json, creation_time, last_modified_time)
                    VALUES (@GroupName, @Version, @Arn, @ApprovalStatus, @DescribeJson, @CreationTime, @LastModifiedTime);
                    """,
                    PackageRow.From(package),
                    cancellationToken,
                    transaction));
                return package;
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<ModelPackageRecord?> GetModelPackageAsync(string groupName, int version, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection => (await connection.QueryFirstOrDefaultAsync<PackageRow>(Command(
                $"SELECT {PackageColumns} FROM model_packages WHERE lower(group_name) = lower(@GroupName) AND version = @Version ORDER BY group_name = @GroupName DESC LIMIT 1;",
                new { GroupName = groupName, Version = version },
                cancellationToken)))?.ToRecord(),
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ModelPackageRecord>> ListModelPackagesAsync(string? groupName, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ModelPackageRecord>>(
            async connection => [.. (await connection.QueryAsync<PackageRow>(Command(
                groupName is null
                    ? $"SELECT {PackageColumns} FROM model_packages ORDER BY group_name, version DESC;"
                    : $"SELECT {PackageColumns} FROM model_packages WHERE lower(group_name) = lower(@GroupName) ORDER BY group_name, version DESC;",
                new { GroupName = groupName },
                cancellationToken))).Select(r => r.ToRecord())],
            cancellationToken);

    /// <inheritdoc/>
    public Task<bool> UpdateModelPackageAsync(ModelPackageRecord package, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) => await connection.ExecuteAsync(Command(
                """
                UPDATE model_packages SET approval_status = @ApprovalStatus, describe_json = @DescribeJson, last_modified_time = @LastModifiedTime
                WHERE group_name = @GroupName AND version = @Version;
                """,
                PackageRow.From(package),
                cancellationToken,
                transaction)) == 1,
            cancellationToken);
}
