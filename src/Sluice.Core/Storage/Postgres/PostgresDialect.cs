using System.Data.Common;
using Dapper;
using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>
/// PostgreSQL's side of the shared statements: writes that decide take a transaction-level advisory lock, rows are
/// locked with <c>FOR UPDATE</c> (<c>SKIP LOCKED</c> where receivers compete), names are compared through
/// <c>lower()</c> (the indexes are on it), and arrays are bound as one parameter.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>The one instance.</summary>
    public static readonly PostgresDialect Instance = new();

    private PostgresDialect()
    {
    }

    /// <inheritdoc/>
    public override bool BindsArrays => true;

    /// <inheritdoc/>
    public override string ForUpdate => " FOR UPDATE";

    /// <inheritdoc/>
    public override string ForUpdateSkipLocked => " FOR UPDATE SKIP LOCKED";

    /// <inheritdoc/>
    public override string CaseInsensitiveKey(string column) => $"lower({column})";

    /// <inheritdoc/>
    public override string EqualsIgnoringCase(string column, string parameter) => $"lower({column}) = lower({parameter})";

    /// <inheritdoc/>
    public override string IsAnyOf(string column, string parameter) => $"{column} = ANY({parameter})";

    /// <inheritdoc/>
    public override Task LockAsync(
        DbConnection connection, DbTransaction transaction, string kind, string name, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtext(@Kind), hashtext(@Name));",
            new { Kind = "sluice:" + kind, Name = name },
            transaction,
            cancellationToken: cancellationToken));
}
