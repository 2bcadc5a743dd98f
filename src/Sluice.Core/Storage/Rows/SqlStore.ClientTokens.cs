using Dapper;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Storage.Rows.SqlCommands;
using static Sluice.Core.Storage.Rows.SqlRows;

namespace Sluice.Core.Storage.Rows;

/// <summary>The answers kept for ClientRequestTokens (<see cref="IIdempotencyStore"/>); the statements are <see cref="ClientTokenSql"/>.</summary>
public abstract partial class SqlStore : IIdempotencyStore
{
    /// <inheritdoc/>
    public Task<ClientTokenRecord?> GetClientTokenAsync(string operation, string token, CancellationToken cancellationToken) =>
        ReadSqlAsync(
            async connection => (await connection.QuerySingleOrDefaultAsync<ClientTokenRow>(Command(
                ClientTokenSql.Get, new { Operation = operation, Token = token }, cancellationToken)))?.ToRecord(),
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The primary key decides between servers claiming one token at once (<c>INSERT ... ON CONFLICT DO NOTHING</c>, then a read).</remarks>
    public Task<ClientTokenClaim> ClaimClientTokenAsync(
        string operation, string token, string requestBody, DateTimeOffset now, DateTimeOffset abandonedBefore, CancellationToken cancellationToken) =>
        WriteSqlAsync(
            (connection, transaction) => ClientTokenSql.ClaimAsync(
                connection, transaction, operation, token, requestBody, now, abandonedBefore, cancellationToken),
            cancellationToken);

    /// <inheritdoc/>
    public Task AbandonClientTokenAsync(string operation, string token, CancellationToken cancellationToken) =>
        WriteSqlAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                ClientTokenSql.Abandon, new { Operation = operation, Token = token }, cancellationToken, transaction)),
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The first answer wins when two servers save one token at once (the upsert fills in only a pending claim).</remarks>
    public Task SaveClientTokenAsync(ClientTokenRecord record, DateTimeOffset forgetBefore, CancellationToken cancellationToken) =>
        WriteSqlAsync(
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
