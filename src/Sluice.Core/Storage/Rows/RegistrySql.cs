using System.Data.Common;
using Dapper;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Storage.Rows.SqlCommands;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Rows;

/// <summary>
/// The local model registry of <see cref="IRegistryStore"/> (models and versioned model packages), as SQLite and
/// PostgreSQL run it. Names are looked up in any case, the one stored exactly as asked first.
/// </summary>
internal static class RegistrySql
{
    private const string ModelColumns = "name AS Name, arn AS Arn, describe_json AS DescribeJson, creation_time AS CreationTime";

    private const string PackageColumns =
        "group_name AS GroupName, version AS Version, arn AS Arn, approval_status AS ApprovalStatus, describe_json AS DescribeJson, " +
        "creation_time AS CreationTime, last_modified_time AS LastModifiedTime";

    /// <summary>Stores a model, replacing one of the same name.</summary>
    /// <returns>How many rows were written.</returns>
    public static Task<int> SaveModelAsync(DbConnection connection, DbTransaction transaction, ModelRecord model, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(
            """
            INSERT INTO models (name, arn, describe_json, creation_time) VALUES (@Name, @Arn, @DescribeJson, @CreationTime)
            ON CONFLICT (name) DO UPDATE SET arn = excluded.arn, describe_json = excluded.describe_json, creation_time = excluded.creation_time;
            """,
            new { model.Name, model.Arn, model.DescribeJson, CreationTime = SqliteValues.FromTime(model.CreationTime) },
            cancellationToken,
            transaction));

    /// <summary>A model by name in any case, or <see langword="null"/>.</summary>
    /// <returns>The model, or <see langword="null"/>.</returns>
    public static async Task<ModelRecord?> GetModelAsync(DbConnection connection, SqlDialect dialect, string name, CancellationToken cancellationToken) =>
        (await connection.QueryFirstOrDefaultAsync<ModelRow>(Command(
            $"SELECT {ModelColumns} FROM models WHERE {dialect.EqualsIgnoringCase("name", "@Name")} ORDER BY name = @Name DESC, name LIMIT 1;",
            new { Name = name },
            cancellationToken)))?.ToRecord();

    /// <summary>Every model, ordered by name.</summary>
    /// <returns>The models.</returns>
    public static async Task<IReadOnlyList<ModelRecord>> ListModelsAsync(DbConnection connection, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<ModelRow>(Command($"SELECT {ModelColumns} FROM models ORDER BY name;", null, cancellationToken))).Select(r => r.ToRecord())];

    /// <summary>
    /// Registers the next version of a group, holding the group's lock (<see cref="SqlDialect.LockAsync"/>) so that
    /// concurrent writers get consecutive versions.
    /// </summary>
    /// <returns>The package as stored.</returns>
    public static async Task<ModelPackageRecord> AddModelPackageAsync(
        DbConnection connection,
        DbTransaction transaction,
        SqlDialect dialect,
        string groupName,
        Func<int, ModelPackageRecord> build,
        CancellationToken cancellationToken)
    {
        await dialect.LockAsync(connection, transaction, "model-package-group", groupName, cancellationToken);
        var latest = await connection.ExecuteScalarAsync<long?>(Command(
            "SELECT MAX(version) FROM model_packages WHERE group_name = @GroupName;", new { GroupName = groupName }, cancellationToken, transaction));
        var package = build((int)(latest ?? 0) + 1);
        await connection.ExecuteAsync(Command(
            """
            INSERT INTO model_packages (group_name, version, arn, approval_status, describe_json, creation_time, last_modified_time)
            VALUES (@GroupName, @Version, @Arn, @ApprovalStatus, @DescribeJson, @CreationTime, @LastModifiedTime);
            """,
            PackageRow.From(package),
            cancellationToken,
            transaction));
        return package;
    }

    /// <summary>One version of a group (named in any case), or <see langword="null"/>.</summary>
    /// <returns>The package, or <see langword="null"/>.</returns>
    public static async Task<ModelPackageRecord?> GetModelPackageAsync(
        DbConnection connection, SqlDialect dialect, string groupName, int version, CancellationToken cancellationToken) =>
        (await connection.QueryFirstOrDefaultAsync<PackageRow>(Command(
            $"""
            SELECT {PackageColumns} FROM model_packages WHERE {dialect.EqualsIgnoringCase("group_name", "@GroupName")} AND version = @Version
            ORDER BY group_name = @GroupName DESC LIMIT 1;
            """,
            new { GroupName = groupName, Version = version },
            cancellationToken)))?.ToRecord();

    /// <summary>A group's packages (named in any case), newest version first; every group's when <paramref name="groupName"/> is <see langword="null"/>.</summary>
    /// <returns>The packages.</returns>
    public static async Task<IReadOnlyList<ModelPackageRecord>> ListModelPackagesAsync(
        DbConnection connection, SqlDialect dialect, string? groupName, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<PackageRow>(Command(
            groupName is null
                ? $"SELECT {PackageColumns} FROM model_packages ORDER BY group_name, version DESC;"
                : $"SELECT {PackageColumns} FROM model_packages WHERE {dialect.EqualsIgnoringCase("group_name", "@GroupName")} ORDER BY group_name, version DESC;",
            new { GroupName = groupName },
            cancellationToken))).Select(r => r.ToRecord())];

    /// <summary>Replaces a package's approval status, Describe response and modification time.</summary>
    /// <returns>Whether the package existed.</returns>
    public static async Task<bool> UpdateModelPackageAsync(
        DbConnection connection, DbTransaction transaction, ModelPackageRecord package, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(Command(
            """
            UPDATE model_packages SET approval_status = @ApprovalStatus, describe_json = @DescribeJson, last_modified_time = @LastModifiedTime
            WHERE group_name = @GroupName AND version = @Version;
            """,
            PackageRow.From(package),
            cancellationToken,
            transaction)) == 1;
}
