using Dapper;
using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>Tags of resources by ARN (<see cref="ITagStore"/>).</summary>
public sealed partial class SqliteExecutionStore
{
    /// <inheritdoc/>
    public Task AddTagsAsync(string resourceArn, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                TagSql.Upsert,
                tags.Select(t => new { Arn = resourceArn, t.Key, t.Value }).ToList(),
                cancellationToken,
                transaction)),
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ResourceTag>> ListTagsAsync(string resourceArn, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ResourceTag>>(
            async connection => [.. (await connection.QueryAsync<(string Key, string Value)>(Command(
                TagSql.List,
                new { Arn = resourceArn },
                cancellationToken))).Select(t => new ResourceTag(t.Key, t.Value))],
            cancellationToken);

    /// <inheritdoc/>
    public Task DeleteTagsAsync(string resourceArn, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Command(
                TagSql.Delete,
                keys.Select(k => new { Arn = resourceArn, Key = k }).ToList(),
                cancellationToken,
                transaction)),
            cancellationToken);
}
