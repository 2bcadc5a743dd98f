using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Postgres;

/// <summary>Tags of resources by ARN (<see cref="ITagStore"/>); the statements are <see cref="TagSql"/>.</summary>
public sealed partial class PostgresStore : ITagStore
{
    /// <inheritdoc/>
    public Task AddTagsAsync(string resourceArn, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => TagSql.AddAsync(connection, transaction, resourceArn, tags, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ResourceTag>> ListTagsAsync(string resourceArn, CancellationToken cancellationToken) =>
        ReadAsync(connection => TagSql.ListAsync(connection, resourceArn, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task DeleteTagsAsync(string resourceArn, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => TagSql.DeleteAsync(connection, transaction, resourceArn, keys, cancellationToken), cancellationToken);
}
