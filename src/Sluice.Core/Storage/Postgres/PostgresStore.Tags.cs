using Dapper;

namespace Sluice.Core.Storage.Postgres;

/// <summary>Tags of resources by ARN (<see cref="ITagStore"/>).</summary>
public sealed partial class PostgresStore : ITagStore
{
    /// <inheritdoc/>
    public Task AddTagsAsync(string resourceArn, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                """
                INSERT INTO tags (resource_arn, key, value) VALUES (@Arn, @Key, @Value)
                ON CONFLICT (resource_arn, key) DO UPDATE SET value = excluded.value;
                """,
                tags.Select(t => new { Arn = resourceArn, t.Key, t.Value }).ToList(),
                cancellationToken,
                transaction)),
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ResourceTag>> ListTagsAsync(string resourceArn, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ResourceTag>>(
            async connection => [.. (await connection.QueryAsync<(string Key, string Value)>(Command(
                "SELECT key, value FROM tags WHERE resource_arn = @Arn ORDER BY key;",
                new { Arn = resourceArn },
                cancellationToken))).Select(t => new ResourceTag(t.Key, t.Value))],
            cancellationToken);

    /// <inheritdoc/>
    public Task DeleteTagsAsync(string resourceArn, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                "DELETE FROM tags WHERE resource_arn = @Arn AND key = @Key;",
                keys.Select(k => new { Arn = resourceArn, Key = k }).ToList(),
                cancellationToken,
                transaction)),
            cancellationToken);
}
