namespace Sluice.Core.Storage.Rows;

/// <summary>The tag store's statements, which SQLite and PostgreSQL run as written (<see cref="ITagStore"/>).</summary>
internal static class TagSql
{
    /// <summary>Adds a tag or replaces its value; parameters <c>@Arn</c>, <c>@Key</c>, <c>@Value</c>.</summary>
    public const string Upsert = """
        INSERT INTO tags (resource_arn, key, value) VALUES (@Arn, @Key, @Value)
        ON CONFLICT (resource_arn, key) DO UPDATE SET value = excluded.value;
        """;

    /// <summary>A resource's tags ordered by key; parameter <c>@Arn</c>.</summary>
    public const string List = "SELECT key, value FROM tags WHERE resource_arn = @Arn ORDER BY key;";

    /// <summary>Removes one tag; parameters <c>@Arn</c>, <c>@Key</c>.</summary>
    public const string Delete = "DELETE FROM tags WHERE resource_arn = @Arn AND key = @Key;";
}
