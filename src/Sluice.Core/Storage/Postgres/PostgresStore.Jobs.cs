using Dapper;
using Sluice.Core.Storage.Rows;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>The answers kept for ClientRequestTokens (shared by every server); jobs are <see cref="SqlStore"/>'s, but for the statement the step writes save theirs with.</summary>
public sealed partial class PostgresStore
{
    /// <summary>Inserts or replaces one job's record (<see cref="JobSql.SaveSql"/>); the step writes save their jobs with it.</summary>
    private static readonly string SaveJobSql = JobSql.SaveSql(PostgresDialect.Instance);

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
