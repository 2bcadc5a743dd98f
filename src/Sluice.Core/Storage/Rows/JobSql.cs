using System.Data.Common;
using Dapper;
using static Sluice.Core.Storage.Rows.SqlCommands;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Rows;

/// <summary>
/// The jobs of <see cref="IJobStore"/>, as SQLite and PostgreSQL run them. Job names are unique by kind regardless of
/// case (ARNs carry them in lower case): the key is <see cref="SqlDialect.CaseInsensitiveKey"/> of the name.
/// </summary>
internal static class JobSql
{
    private const string Columns =
        "kind AS Kind, name AS Name, arn AS Arn, status AS Status, execution_arn AS ExecutionArn, step_name AS StepName, " +
        "parent_name AS ParentName, describe_json AS DescribeJson, creation_time AS CreationTime, last_modified_time AS LastModifiedTime";

    /// <summary>The upsert of a job's record; parameters as <see cref="JobRow"/>.</summary>
    /// <param name="dialect">The backend's dialect.</param>
    /// <returns>The statement.</returns>
    public static string SaveSql(SqlDialect dialect) => $"""
        INSERT INTO jobs (kind, name, arn, status, execution_arn, step_name, parent_name, describe_json, creation_time, last_modified_time)
        VALUES (@Kind, @Name, @Arn, @Status, @ExecutionArn, @StepName, @ParentName, @DescribeJson, @CreationTime, @LastModifiedTime)
        ON CONFLICT (kind, {dialect.CaseInsensitiveKey("name")}) DO UPDATE SET
            arn = excluded.arn, status = excluded.status, execution_arn = excluded.execution_arn, step_name = excluded.step_name,
            parent_name = excluded.parent_name, describe_json = excluded.describe_json, creation_time = excluded.creation_time,
            last_modified_time = excluded.last_modified_time;
        """;

    /// <summary>Inserts or replaces one job's record.</summary>
    /// <returns>How many rows were written.</returns>
    public static Task<int> SaveAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, JobRecord job, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(SaveSql(dialect), JobRow.From(job), cancellationToken, transaction));

    /// <summary>A job by kind and name in any case, or <see langword="null"/>.</summary>
    /// <returns>The job, or <see langword="null"/>.</returns>
    public static async Task<JobRecord?> GetAsync(
        DbConnection connection, SqlDialect dialect, JobKind kind, string name, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<JobRow>(Command(
            $"SELECT {Columns} FROM jobs WHERE kind = @Kind AND {dialect.EqualsIgnoringCase("name", "@Name")};",
            new { Kind = kind.ToString(), Name = name },
            cancellationToken)))?.ToRecord();

    /// <summary>The trials of a tuning job, in the order they started.</summary>
    /// <returns>The trials.</returns>
    public static async Task<IReadOnlyList<JobRecord>> ListTrialsAsync(
        DbConnection connection, string tuningJobName, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<JobRow>(Command(
            $"SELECT {Columns} FROM jobs WHERE parent_name = @Parent ORDER BY creation_time, name;",
            new { Parent = tuningJobName },
            cancellationToken))).Select(r => r.ToRecord())];
}
