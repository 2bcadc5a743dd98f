using System.Globalization;
using Npgsql;

namespace Sluice.Core.Storage.Postgres;

/// <summary>
/// Reads where the PostgreSQL store connects: a URI (<c>postgres://user:password@host:5432/database?sslmode=require</c>,
/// as libpq and most tools write it) or an Npgsql connection string (<c>Host=...;Username=...;Database=...</c>).
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>The query parameters a URI may carry, by the Npgsql keyword they set.</summary>
    private static readonly Dictionary<string, string> QueryKeys = new(StringComparer.Ordinal)
    {
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["options"] = "Options",
    };

    /// <summary>Whether text is written as a PostgreSQL URI (<c>postgres://</c> or <c>postgresql://</c>).</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when it starts with either scheme.</returns>
    public static bool IsUri(string text) =>
        text.StartsWith("postgres://", StringComparison.Ordinal) || text.StartsWith("postgresql://", StringComparison.Ordinal);

    /// <summary>Turns a URI or a connection string into an Npgsql connection string, checking it.</summary>
    /// <param name="text">A <c>postgres://</c> URI or an Npgsql connection string.</param>
    /// <returns>The Npgsql connection string.</returns>
    /// <exception cref="FormatException">The text is neither; the message says what is wrong, never the password.</exception>
    public static string Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("the PostgreSQL connection is empty; write postgres://user@host:5432/database");
        }

        try
        {
            var builder = IsUri(text) ? FromUri(text) : FromConnectionString(text);
            if (string.IsNullOrEmpty(builder.Host))
            {
                throw new FormatException("the PostgreSQL connection names no host");
            }

            return builder.ConnectionString;
        }
        catch (Exception e) when (e is not FormatException && IsBadValue(e))
        {
            // A part Npgsql refuses (an embedded NUL, an out-of-range number); its message names the part, not the value.
            throw new FormatException($"the PostgreSQL connection has a part Npgsql refuses: {e.Message}", e);
        }
    }

    private static NpgsqlConnectionStringBuilder FromConnectionString(string text)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception e) when (IsBadValue(e))
        {
            throw new FormatException($"not a PostgreSQL URI (postgres://...) nor an Npgsql connection string: {e.Message}", e);
        }
    }

    private static NpgsqlConnectionStringBuilder FromUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("not a valid PostgreSQL URI; write postgres://user[:password]@host[:port]/database");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }
        else if (uri.Port == 0)
        {
            throw new FormatException("the URI's port must be from 1 to 65535");
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            if (database.Contains('/', StringComparison.Ordinal))
            {
                throw new FormatException($"the URI's path names more than a database: '{database}'");
            }

            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!QueryKeys.TryGetValue(key, out var keyword))
            {
                throw new FormatException(
                    $"the URI parameter '{key}' is not supported; supported: {string.Join(", ", QueryKeys.Keys)}");
            }

            try
            {
                builder[keyword] = keyword == "SSL Mode" ? SslMode(value) : value;
            }
            catch (Exception e) when (IsBadValue(e))
            {
                throw new FormatException($"the URI parameter '{key}' has a bad value '{value}': {e.Message}", e);
            }
        }

        return builder;
    }

    /// <summary>What Npgsql's connection string builder throws for a keyword or value it does not take.</summary>
    private static bool IsBadValue(Exception e) =>
        e is ArgumentException or KeyNotFoundException or FormatException or InvalidCastException or OverflowException;

    /// <summary>libpq's sslmode spellings (<c>verify-full</c>) as Npgsql's (<c>VerifyFull</c>).</summary>
    private static string SslMode(string value) => string.Concat(
        value.Split('-').Select(word => word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..]));
}
