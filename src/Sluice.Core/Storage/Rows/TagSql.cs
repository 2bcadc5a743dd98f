using System.Data.Common;
using Dapper;
using static Sluice.Core.Storage.Rows.SqlCommands;

namespace Sluice.Core.Storage.Rows;

/// <summary>The tag store's statements, which SQLite and PostgreSQL run as written (<see cref="ITagStore"/>).</summary>
internal static class TagSql
{
    /// <summary>Adds a tag or replaces its value; parameters <c>@Arn</c>, <c>@Key</c>, <c>@Value</c>.</summary>
    private const string Upsert = """
        INSERT INTO tags (resource_arn, key, value) VALUES (@Arn, @Key, @Value)
        ON CONFLICT (resource_arn, key) DO UPDATE SET value = excluded.value;
        """;

    /// <summary>A resource's tags ordered by key; parameter <c>@Arn</c>.</summary>
    private const string List = "SELECT key, value FROM tags WHERE resource_arn = @Arn ORDER BY key;";

    /// <summary>Removes one tag; parameters <c>@Arn</c>, <c>@Key</c>.</summary>
    private const string Delete = "DELETE FROM tags WHERE resource_arn = @Arn AND key = @Key;";

    /// <summary>Adds tags to a resource inside the caller's write, replacing the value of a key it has.</summary>
    /// <returns>How many rows were written.</returns>
    public static Task<int> AddAsync(
        DbConnection connection, DbTransaction transaction, string resourceArn, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(Upsert, tags.Select(t => new { Arn = resourceArn, t.Key, t.Value }).ToList(), cancellationToken, transaction));

    /// <summary>A resource's tags, ordered by key.</summary>
    /// <returns>The tags.</returns>
    public static async Task<IReadOnlyList<ResourceTag>> ListAsync(DbConnection connection, string resourceArn, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<(string Key, string Value)>(Command(List, new { Arn = resourceArn }, cancellationToken)))
            .Select(t => new ResourceTag(t.Key, t.Value))];

    /// <summary>Removes tags from a resource by key inside the caller's write.</summary>
    /// <returns>How many were removed.</returns>
    public static Task<int> DeleteAsync(
        DbConnection connection, DbTransaction transaction, string resourceArn, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(Delete, keys.Select(k => new { Arn = resourceArn, Key = k }).ToList(), cancellationToken, transaction));
}
