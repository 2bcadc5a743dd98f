using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Sluice.Server.S3;

/// <summary>
/// What an S3 request names: the bucket and key from the path (<c>/bucket/key</c>, path style) or, when the Host is
/// <c>bucket.localhost[:port]</c>, the bucket from the host and the key from the path (virtual-hosted style); the raw
/// path and query as received (for signatures) and the query's parameters.
/// </summary>
/// <param name="Bucket">The bucket, or <see langword="null"/> for the service (ListBuckets).</param>
/// <param name="Key">The key, or <see langword="null"/> for a bucket request.</param>
/// <param name="RawPath">The path as received, percent-encoded.</param>
/// <param name="RawQuery">The query as received, without <c>?</c>.</param>
/// <param name="Query">The query's parameters, decoded.</param>
internal sealed record S3Target(string? Bucket, string? Key, string RawPath, string RawQuery, IReadOnlyDictionary<string, string> Query)
{
    private const string LocalDomain = ".localhost";

    /// <summary>Whether the query has a parameter (with or without a value).</summary>
    public bool Has(string name) => Query.ContainsKey(name);

    /// <summary>A query parameter's value, or <see langword="null"/>.</summary>
    public string? Get(string name) => Query.TryGetValue(name, out var value) ? value : null;

    /// <summary>Reads the target of a request.</summary>
    /// <exception cref="S3Exception">When the path is not valid percent-encoded UTF-8.</exception>
    public static S3Target Of(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        if (!raw.StartsWith('/') && Uri.TryCreate(raw, UriKind.Absolute, out var absolute))
        {
            raw = absolute.PathAndQuery; // absolute-form request target
        }

        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? raw : raw[..question];
        var rawQuery = question < 0 ? string.Empty : raw[(question + 1)..];
        var path = DecodePath(rawPath);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new S3Exception("InvalidURI", "Couldn't parse the specified URI: it holds a NUL or text that is not UTF-8.");
        }

        var query = S3Query.Parse(rawQuery);
        var host = context.Request.Host.Host;
        if (host.EndsWith(LocalDomain, StringComparison.OrdinalIgnoreCase) && host.Length > LocalDomain.Length)
        {
            var key = path.TrimStart('/');
            return new S3Target(host[..^LocalDomain.Length].ToLowerInvariant(), key.Length == 0 ? null : path[1..], rawPath, rawQuery, query);
        }

        var rest = path.StartsWith('/') ? path[1..] : path;
        if (rest.Length == 0)
        {
            return new S3Target(null, null, rawPath, rawQuery, query);
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 || slash == rest.Length - 1
            ? new S3Target(slash < 0 ? rest : rest[..slash], null, rawPath, rawQuery, query)
            : new S3Target(rest[..slash], rest[(slash + 1)..], rawPath, rawQuery, query);
    }

    /// <summary>Percent-decodes a path strictly: every escape is two hex digits and the bytes are UTF-8 (no overlong forms).</summary>
    /// <exception cref="S3Exception">InvalidURI otherwise.</exception>
    private static string DecodePath(string rawPath)
    {
        var bytes = new List<byte>(rawPath.Length);
        for (var i = 0; i < rawPath.Length; i++)
        {
            if (rawPath[i] == '%')
            {
                if (i + 2 >= rawPath.Length || !byte.TryParse(rawPath.AsSpan(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var b))
                {
                    throw InvalidUri();
                }

                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(rawPath[i].ToString()));
            }
        }

        try
        {
            return StrictUtf8.GetString([.. bytes]);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw InvalidUri();
        }
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static S3Exception InvalidUri() => new("InvalidURI", "Couldn't parse the specified URI: its path is not percent-encoded UTF-8.");
}
