using System.Data.Common;

namespace Sluice.Core.Storage.Rows;

/// <summary>
/// What the shared statements of the SQL backends (<see cref="QueueSql"/>, <see cref="MessageSql"/>, <see cref="JobSql"/>,
/// <see cref="PipelineSql"/>, <see cref="RegistrySql"/>) leave to the backend: how names are compared regardless of case,
/// how lists are bound, and how a write keeps concurrent writers out. Everything else they run as written on both.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>
    /// Gets a value indicating whether the provider binds an array as one parameter (PostgreSQL), rather than Dapper
    /// expanding a list into one parameter per element, or a list of rows into one statement per row (SQLite).
    /// </summary>
    public abstract bool BindsArrays { get; }

    /// <summary>
    /// Gets the clause that ends a SELECT inside a write to lock the rows it reads until the write commits; empty where a
    /// write transaction already keeps every other writer out.
    /// </summary>
    public abstract string ForUpdate { get; }

    /// <summary>Gets the clause that ends a SELECT inside a write to lock the rows it reads, passing over rows locked by another write.</summary>
    public abstract string ForUpdateSkipLocked { get; }

    /// <summary>The expression of a column a case-insensitive unique key is built on (the conflict target of an upsert).</summary>
    /// <param name="column">The column.</param>
    /// <returns>The expression.</returns>
    public abstract string CaseInsensitiveKey(string column);

    /// <summary>A condition: <paramref name="column"/> equals <paramref name="parameter"/> regardless of case.</summary>
    /// <param name="column">The column.</param>
    /// <param name="parameter">The parameter (<c>@Name</c>).</param>
    /// <returns>The condition.</returns>
    public abstract string EqualsIgnoringCase(string column, string parameter);

    /// <summary>A condition: <paramref name="column"/> is one of the values of the list <paramref name="parameter"/>.</summary>
    /// <param name="column">The column.</param>
    /// <param name="parameter">The parameter (<c>@Names</c>), bound to an array.</param>
    /// <returns>The condition.</returns>
    public abstract string IsAnyOf(string column, string parameter);

    /// <summary>
    /// Puts the writes that decide about one name (the next version, create-if-absent, delete-unless-running) in one
    /// order across every writer: holds a lock on <paramref name="kind"/> and <paramref name="name"/> until the write commits.
    /// </summary>
    /// <param name="connection">The write's connection.</param>
    /// <param name="transaction">The write's transaction.</param>
    /// <param name="kind">What the name names (<c>pipeline</c>, <c>model-package-group</c>).</param>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes once the lock is held.</returns>
    public abstract Task LockAsync(
        DbConnection connection, DbTransaction transaction, string kind, string name, CancellationToken cancellationToken);
}
