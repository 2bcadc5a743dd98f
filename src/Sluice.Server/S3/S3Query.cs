using System.Text;
using Sluice.Client.Signing;

namespace Sluice.Server.S3;

/// <summary>Query strings as S3 reads and signs them: names without values (<c>?uploads</c>) count, values are percent-decoded.</summary>
internal static class S3Query
{
    /// <summary>The parameters of a raw query (without <c>?</c>); a repeated name keeps its first value.</summary>
    public static Dictionary<string, string> Parse(string rawQuery)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Pairs(rawQuery))
        {
            parameters.TryAdd(name, value);
        }

        return parameters;
    }

    /// <summary>The canonical query string of SigV4: pairs re-encoded, sorted by name then value; <paramref name="exclude"/> left out.</summary>
    public static string Canonical(string rawQuery, string? exclude)
    {
        var pairs = Pairs(rawQuery).Where(p => p.Name != exclude).Select(p => (Name: Encode(p.Name, false), Value: Encode(p.Value, false))).ToList();
        pairs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Value, b.Value));
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>Percent-encodes every UTF-8 byte but the unreserved characters (and <c>/</c> when asked), hex upper case.</summary>
    public static string Encode(string value, bool keepSlash) => SigV4Encoding.UriEncode(value, keepSlash);

    private static IEnumerable<(string Name, string Value)> Pairs(string rawQuery)
    {
        foreach (var pair in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            yield return (Decode(name), Decode(value));
        }
    }

    /// <summary>Percent-decoding that never throws (a malformed escape stays as it is).</summary>
    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
