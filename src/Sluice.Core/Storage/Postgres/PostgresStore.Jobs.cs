using Dapper;
using Sluice.Core.Storage.Rows;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>The jobs steps ran, and the answers kept for ClientRequestTokens (shared by every server).</summary>
public sealed partial class PostgresStore
{
    private const string JobColumns =
        "kind AS Kind, name AS Name, arn AS Arn, status AS Status, execution_arn AS ExecutionArn, step_name AS StepName, " +
        "parent_name AS ParentName, describe_json AS DescribeJson, creation_time AS CreationTime, last_modified_time AS LastModifiedTime";

    /// <summary>Inserts or replaces one job's record.</summary>
    private const string SaveJobSql = """
        INSERT INTO jobs (kind, name, arn, status, execution_arn, step_name, parent_name, describe_json, creation_time, last_modified_time)
        VALUES (@Kind, @Name, @Arn, @Status, @ExecutionArn, @StepName, @ParentName, @DescribeJson, @CreationTime, @LastModifiedTime)
        ON CONFLICT (kind, lower(name)) DO UPDATE SET
            arn = excluded.arn, status = excluded.status, execution_arn = excluded.execution_arn, step_name = excluded.step_name,
            parent_name = excluded.parent_name, describe_json = excluded.describe_json, creation_time = excluded.creation_time,
            last_modified_time = excluded.last_modified_time;
        """;

    /// <inheritdoc/>
    /// <remarks>Job names are unique by kind regardless of case (a unique index on <c>(kind, lower(name))</c>).</remarks>
    public Task SaveJobAsync(JobRecord job, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(SaveJobSql, JobRow.From(job), cancellationToken, transaction)),
            cancellationToken);

    /// <inheritdoc/>
    public Task<JobRecord?> GetJobAsync(JobKind kind, string name, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection => (await connection.QuerySingleOrDefaultAsync<JobRow>(Command(
                $"SELECT {JobColumns} FROM jobs WHERE kind = @Kind AND lower(name) = lower(@Name);",
                new { Kind = kind.ToString(), Name = name },
                cancellationToken)))?.ToRecord(),
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<JobRecord>> ListTrialJobsAsync(string tuningJobName, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<JobRecord>>(
            async connection => [.. (await connection.QueryAsync<JobRow>(Command(
                $"SELECT {JobColumns} FROM jobs WHERE parent_name = @Parent ORDER BY creation_time, name;",
                new { Parent = tuningJobName },
                cancellationToken))).Select(r => r.ToRecord())],
            cancellationToken);

    /// <inheritdoc/>
    public Task<ClientTokenRecord?> GetClientTokenAsync(string operation, string token, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection => (await connection.QuerySingleOrDefaultAsync<ClientTokenRow>(Command(
                ClientTokenSql.Get, new { Operation = operation, Token = token }, cancellationToken)))?.ToRecord(),
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The primary key decides between servers claiming one token at once (<c>INSERT ... ON CONFLICT DO NOTHING</c>, then a read).</remarks>
    public Task<ClientTokenClaim> ClaimClientTokenAsync(
        string operation, string token, string requestBody, DateTimeOffset now, DateTimeOffset abandonedBefore, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => ClientTokenSql.ClaimAsync(
                connection, transaction, operation, token, requestBody, now, abandonedBefore, cancellationToken),
            cancellationToken);

    /// <inheritdoc/>
    public Task AbandonClientTokenAsync(string operation, string token, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                ClientTokenSql.Abandon, new { Operation = operation, Token = token }, cancellationToken, transaction)),
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The first answer wins when two servers save one token at once (the upsert fills in only a pending claim).</remarks>
    public Task SaveClientTokenAsync(ClientTokenRecord record, DateTimeOffset forgetBefore, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await connection.ExecuteAsync(Command(
                    ClientTokenSql.Forget, new { Before = SqliteValues.FromTime(forgetBefore) }, cancellationToken, transaction));
                return await connection.ExecuteAsync(Command(
                    ClientTokenSql.Save,
                    new { record.Operation, record.Token, record.RequestBody, record.ResponseBody, CreationTime = SqliteValues.FromTime(record.CreationTime) },
                    cancellationToken,
                    transaction));
            },
            cancellationToken);
}
