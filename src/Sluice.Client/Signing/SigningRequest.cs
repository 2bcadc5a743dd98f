namespace Sluice.Client.Signing;

/// <summary>
/// A request as SigV4 sees it: what a client is about to send, or what a server has received and wants to verify.
/// </summary>
/// <param name="Method">The HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Uri">The absolute request URI; its path and query are canonicalized, its host is used when <paramref name="Headers"/> has no <c>Host</c>.</param>
/// <param name="Headers">The request's headers, names in any case; a name may repeat (its values are joined with a comma).</param>
/// <param name="Body">The request body, hashed into the signature (unless an <c>X-Amz-Content-Sha256</c> header gives the hash).</param>
public sealed record SigningRequest(string Method, Uri Uri, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body)
{
    /// <summary>The value of a header (case-insensitive name), the values of a repeated header joined with a comma, or <see langword="null"/>.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or <see langword="null"/> when the header is absent.</returns>
    public string? Header(string name)
    {
        string? value = null;
        foreach (var header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = value is null ? header.Value : value + "," + header.Value;
            }
        }

        return value;
    }
}
