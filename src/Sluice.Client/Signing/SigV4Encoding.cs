using System.Text;

namespace Sluice.Client.Signing;

/// <summary>The encodings SigV4 canonicalization uses, as botocore applies them for non-S3 services.</summary>
public static class SigV4Encoding
{
    /// <summary>
    /// Percent-encodes every byte of the UTF-8 form except the RFC 3986 unreserved characters
    /// (<c>A-Z a-z 0-9 - _ . ~</c>) and, when asked, <c>/</c>. Hex digits are upper case.
    /// </summary>
    public static string UriEncode(string value, bool keepSlash)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(Convert.ToHexString([b]));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The canonical URI: the path as the URI carries it (already percent-encoded), with <c>.</c>, <c>..</c> and empty
    /// segments removed, encoded once more (so <c>%20</c> becomes <c>%2520</c>, as botocore's <c>quote(path, safe='/~')</c> does).
    /// </summary>
    public static string CanonicalUri(Uri uri)
    {
        var path = uri.AbsolutePath;
        return string.IsNullOrEmpty(path) ? "/" : UriEncode(RemoveDotSegments(path), keepSlash: true);
    }

    /// <summary>
    /// The canonical query string: each <c>name=value</c> pair decoded and re-encoded with <see cref="UriEncode"/>,
    /// sorted by name and then value (ordinal), joined with <c>&amp;</c>. A name without <c>=</c> gets an empty value.
    /// </summary>
    public static string CanonicalQueryString(string query)
    {
        if (query.StartsWith('?'))
        {
            query = query[1..];
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            pairs.Add((UriEncode(Uri.UnescapeDataString(name), keepSlash: false), UriEncode(Uri.UnescapeDataString(value), keepSlash: false)));
        }

        pairs.Sort((a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>A header value with leading and trailing whitespace removed and inner runs of whitespace made one space.</summary>
    public static string TrimAll(string value) =>
        string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The Host header value a client sends for a URI: lower case, with the port unless it is the scheme's default.</summary>
    public static string HostOf(Uri uri)
    {
        var host = uri.IdnHost;
        if (uri.HostNameType == UriHostNameType.IPv6 && !host.StartsWith('['))
        {
            host = "[" + host + "]";
        }

        host = host.ToLowerInvariant();
        return uri.IsDefaultPort ? host : $"{host}:{uri.Port}";
    }

    /// <summary>RFC 3986 remove_dot_segments, also dropping empty segments, as botocore's <c>remove_dot_segments</c> does.</summary>
    private static string RemoveDotSegments(string path)
    {
        var output = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            else
            {
                output.Add(segment);
            }
        }

        var first = path.StartsWith('/') ? "/" : string.Empty;
        var last = path.EndsWith('/') && output.Count > 0 ? "/" : string.Empty;
        return first + string.Join('/', output) + last;
    }
}
