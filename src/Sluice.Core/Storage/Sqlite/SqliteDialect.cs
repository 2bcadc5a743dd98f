using System.Data.Common;
using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>
/// SQLite's side of the shared statements: one writer at a time (the store's write loop within a process,
/// <c>BEGIN IMMEDIATE</c>'s file lock between processes), so a write needs no lock of its own; names compared
/// with <c>COLLATE NOCASE</c>; lists expanded by Dapper.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    /// <summary>The one instance.</summary>
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
    }

    /// <inheritdoc/>
    public override bool BindsArrays => false;

    /// <inheritdoc/>
    public override string ForUpdate => string.Empty;

    /// <inheritdoc/>
    public override string ForUpdateSkipLocked => string.Empty;

    /// <inheritdoc/>
    /// <remarks>The column is declared <c>COLLATE NOCASE</c>, so its key already ignores case.</remarks>
    public override string CaseInsensitiveKey(string column) => column;

    /// <inheritdoc/>
    public override string EqualsIgnoringCase(string column, string parameter) => $"{column} = {parameter} COLLATE NOCASE";

    /// <inheritdoc/>
    public override string IsAnyOf(string column, string parameter) => $"{column} IN {parameter}";

    /// <inheritdoc/>
    public override Task LockAsync(
        DbConnection connection, DbTransaction transaction, string kind, string name, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
