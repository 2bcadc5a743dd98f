namespace Sluice.Core.Storage.Rows;

/// <summary>Tags of resources by ARN (<see cref="ITagStore"/>); the statements are <see cref="TagSql"/>.</summary>
public abstract partial class SqlStore
{
    /// <inheritdoc/>
    public Task AddTagsAsync(string resourceArn, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken) =>
        WriteSqlAsync((connection, transaction) => TagSql.AddAsync(connection, transaction, resourceArn, tags, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ResourceTag>> ListTagsAsync(string resourceArn, CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => TagSql.ListAsync(connection, resourceArn, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task DeleteTagsAsync(string resourceArn, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        WriteSqlAsync((connection, transaction) => TagSql.DeleteAsync(connection, transaction, resourceArn, keys, cancellationToken), cancellationToken);
}
