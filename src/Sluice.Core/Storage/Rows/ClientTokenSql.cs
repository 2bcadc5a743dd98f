using System.Data.Common;
using Dapper;
using Sluice.Core.Storage.Sqlite;

namespace Sluice.Core.Storage.Rows;

/// <summary>
/// The ClientRequestToken statements and claim, which SQLite and PostgreSQL run as written (<see cref="IIdempotencyStore"/>).
/// A claimed token is a row whose <c>response_body</c> is NULL; saving the answer fills it in. The row's primary key makes
/// the claim atomic across servers: of several inserts of one token exactly one inserts, the others conflict.
/// </summary>
internal static class ClientTokenSql
{
    /// <summary>The first answer; parameters <c>@Operation</c>, <c>@Token</c>.</summary>
    public const string Get = """
        SELECT operation AS Operation, token AS Token, request_body AS RequestBody, response_body AS ResponseBody, creation_time AS CreationTime
        FROM client_tokens WHERE operation = @Operation AND token = @Token AND response_body IS NOT NULL;
        """;

    /// <summary>Forgets old answers and claims; parameter <c>@Before</c>.</summary>
    public const string Forget = "DELETE FROM client_tokens WHERE creation_time < @Before;";

    /// <summary>Keeps the first answer, filling in a pending claim; parameters as <see cref="ClientTokenRecord"/>.</summary>
    public const string Save = """
        INSERT INTO client_tokens (operation, token, request_body, response_body, creation_time)
        VALUES (@Operation, @Token, @RequestBody, @ResponseBody, @CreationTime)
        ON CONFLICT (operation, token) DO UPDATE SET response_body = excluded.response_body, creation_time = excluded.creation_time
        WHERE client_tokens.response_body IS NULL;
        """;

    /// <summary>Takes back a token this transaction claimed and answered (its start stored nothing); parameters <c>@Operation</c>, <c>@Token</c>.</summary>
    public const string Unclaim = "DELETE FROM client_tokens WHERE operation = @Operation AND token = @Token;";

    /// <summary>Gives up a pending claim; parameters <c>@Operation</c>, <c>@Token</c>.</summary>
    public const string Abandon = "DELETE FROM client_tokens WHERE operation = @Operation AND token = @Token AND response_body IS NULL;";

    /// <summary>Claims a token, answered or pending; nothing when it is taken. Parameters <c>@Operation</c>, <c>@Token</c>, <c>@RequestBody</c>, <c>@ResponseBody</c>, <c>@Now</c>.</summary>
    internal const string Insert = """
        INSERT INTO client_tokens (operation, token, request_body, response_body, creation_time)
        VALUES (@Operation, @Token, @RequestBody, @ResponseBody, @Now)
        ON CONFLICT (operation, token) DO NOTHING;
        """;

    private const string Read = """
        SELECT operation AS Operation, token AS Token, request_body AS RequestBody, response_body AS ResponseBody, creation_time AS CreationTime
        FROM client_tokens WHERE operation = @Operation AND token = @Token;
        """;

    private const string TakeOver = """
        UPDATE client_tokens SET creation_time = @Now, request_body = @RequestBody, response_body = @ResponseBody
        WHERE operation = @Operation AND token = @Token AND response_body IS NULL AND creation_time = @Seen;
        """;

    /// <summary>
    /// Claims a token inside the caller's write transaction and, with <see cref="ClientTokenWrite"/>, answers it at once
    /// (the row is inserted whole); forgets answers older than <see cref="ClientTokenWrite.ForgetBefore"/> first. On
    /// PostgreSQL the insert waits for a concurrent transaction inserting the same token, and then sees its row: the
    /// claim is decided by whichever commits first.
    /// </summary>
    /// <returns>What was found: <see cref="ClientTokenClaim.Mine"/> when the caller's answer is in (and the caller must act in this transaction).</returns>
    public static async Task<ClientTokenClaim> ClaimAnsweredAsync(
        DbConnection connection, DbTransaction transaction, ClientTokenWrite write, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(Command(Forget, new { Before = SqliteValues.FromTime(write.ForgetBefore) }, transaction, cancellationToken));
        var answer = write.Answer;
        return await ClaimAsync(
            connection, transaction, answer.Operation, answer.Token, answer.RequestBody, answer.ResponseBody, answer.CreationTime, write.AbandonedBefore, cancellationToken);
    }

    /// <summary>Claims a token inside the caller's write transaction (see <see cref="IIdempotencyStore.ClaimClientTokenAsync"/>).</summary>
    /// <returns>What was found.</returns>
    public static Task<ClientTokenClaim> ClaimAsync(
        DbConnection connection,
        DbTransaction transaction,
        string operation,
        string token,
        string requestBody,
        DateTimeOffset now,
        DateTimeOffset abandonedBefore,
        CancellationToken cancellationToken) =>
        ClaimAsync(connection, transaction, operation, token, requestBody, responseBody: null, now, abandonedBefore, cancellationToken);

    /// <summary>Claims a token, pending (<paramref name="responseBody"/> null) or answered at once.</summary>
    private static async Task<ClientTokenClaim> ClaimAsync(
        DbConnection connection,
        DbTransaction transaction,
        string operation,
        string token,
        string requestBody,
        string? responseBody,
        DateTimeOffset now,
        DateTimeOffset abandonedBefore,
        CancellationToken cancellationToken)
    {
        var nowText = SqliteValues.FromTime(now);
        for (var attempt = 0; ; attempt++)
        {
            var inserted = await connection.ExecuteAsync(Command(
                Insert, new { Operation = operation, Token = token, RequestBody = requestBody, ResponseBody = responseBody, Now = nowText }, transaction, cancellationToken));
            if (inserted == 1)
            {
                return ClientTokenClaim.Mine;
            }

            var row = await connection.QuerySingleOrDefaultAsync<PendingTokenRow>(Command(
                Read, new { Operation = operation, Token = token }, transaction, cancellationToken));
            if (row is null)
            {
                if (attempt < 3)
                {
                    continue; // given up between the insert and the read: claim it again
                }

                throw new InvalidOperationException($"ClientRequestToken '{token}' could not be claimed: it kept vanishing.");
            }

            if (row.ResponseBody is not null)
            {
                return ClientTokenClaim.Answered(new ClientTokenRecord(
                    row.Operation, row.Token, row.RequestBody, row.ResponseBody, SqliteValues.ToTime(row.CreationTime)));
            }

            if (SqliteValues.ToTime(row.CreationTime) < abandonedBefore
                && await connection.ExecuteAsync(Command(
                    TakeOver,
                    new { Operation = operation, Token = token, RequestBody = requestBody, ResponseBody = responseBody, Now = nowText, Seen = row.CreationTime },
                    transaction,
                    cancellationToken)) == 1)
            {
                return ClientTokenClaim.Mine;
            }

            return ClientTokenClaim.Pending(row.RequestBody);
        }
    }

    private static CommandDefinition Command(string sql, object parameters, DbTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    /// <summary>A client_tokens row whose answer may not be there yet.</summary>
    private sealed class PendingTokenRow
    {
        public string Operation { get; set; } = string.Empty;

        public string Token { get; set; } = string.Empty;

        public string RequestBody { get; set; } = string.Empty;

        public string? ResponseBody { get; set; }

        public string CreationTime { get; set; } = string.Empty;
    }
}
