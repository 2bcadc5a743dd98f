using System.Data.Common;
using Dapper;

namespace Sluice.Core.Storage.Rows;

/// <summary>The Dapper command the shared statements run with (<c>using static</c>).</summary>
internal static class SqlCommands
{
    /// <summary>A command of <paramref name="sql"/> with its parameters, in a transaction when given one.</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="parameters">Its parameters, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <param name="transaction">The write's transaction; <see langword="null"/> for a read.</param>
    /// <returns>The command.</returns>
    public static CommandDefinition Command(
        string sql, object? parameters, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}
