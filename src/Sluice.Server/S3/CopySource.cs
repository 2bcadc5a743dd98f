using System.Globalization;
using Microsoft.AspNetCore.Http;
using Sluice.Core.Artifacts;

namespace Sluice.Server.S3;

/// <summary>
/// The object an <c>x-amz-copy-source</c> header names (<c>bucket/key</c> or <c>/bucket/key</c>, URL-encoded, with an
/// optional <c>?versionId=</c> that this unversioned store ignores), and the <c>x-amz-copy-source-if-*</c> conditions
/// on it.
/// </summary>
/// <param name="Bucket">The source's bucket.</param>
/// <param name="Key">The source's key.</param>
internal readonly record struct CopySource(string Bucket, string Key)
{
    /// <summary>Reads the header of a request.</summary>
    /// <exception cref="S3Exception">InvalidArgument when the header does not name a bucket and a key.</exception>
    public static CopySource Of(HttpRequest request)
    {
        var source = request.Headers["x-amz-copy-source"].ToString();
        var query = source.IndexOf('?', StringComparison.Ordinal);
        string path;
        try
        {
            path = Uri.UnescapeDataString(query < 0 ? source : source[..query]).TrimStart('/');
        }
        catch (UriFormatException)
        {
            throw Invalid();
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 || slash == path.Length - 1 ? throw Invalid() : new CopySource(path[..slash], path[(slash + 1)..]);
    }

    /// <summary>Whether a request has <c>x-amz-copy-source-if-*</c> headers.</summary>
    public static bool HasConditions(HttpRequest request) =>
        request.Headers.Keys.Any(h => h.StartsWith("x-amz-copy-source-if-", StringComparison.OrdinalIgnoreCase));

    /// <summary>Checks the request's <c>x-amz-copy-source-if-*</c> headers against the source, as S3 does.</summary>
    /// <exception cref="S3Exception">PreconditionFailed (412) when a condition does not hold.</exception>
    public static void CheckConditions(HttpRequest request, ObjectDetails source)
    {
        var headers = request.Headers;
        var etag = "\"" + source.ETag + "\"";
        static bool Matches(string header, string etag) => header.Split(',').Any(v => v.Trim() is "*" || v.Trim() == etag || v.Trim() == etag.Trim('"'));
        var modified = source.LastModified.ToUnixTimeSeconds();
        var ifMatch = headers["x-amz-copy-source-if-match"].ToString();
        var ifNoneMatch = headers["x-amz-copy-source-if-none-match"].ToString();
        var failed = ifMatch.Length > 0
            ? !Matches(ifMatch, etag)
            : Date(headers["x-amz-copy-source-if-unmodified-since"].ToString()) is { } unmodifiedSince && modified > unmodifiedSince;
        failed |= ifNoneMatch.Length > 0
            ? Matches(ifNoneMatch, etag)
            : Date(headers["x-amz-copy-source-if-modified-since"].ToString()) is { } modifiedSince && modified <= modifiedSince;
        if (failed)
        {
            throw new S3Exception("PreconditionFailed", "At least one of the pre-conditions you specified did not hold.", StatusCodes.Status412PreconditionFailed);
        }
    }

    /// <summary>
    /// The range an <c>x-amz-copy-source-range</c> header asks of a source of <paramref name="size"/> bytes: only the
    /// form <c>bytes=first-last</c> (zero-based, inclusive) is allowed, within the source.
    /// </summary>
    /// <returns>The range, or <see langword="null"/> when there is no header (the whole source).</returns>
    /// <exception cref="S3Exception">InvalidArgument for any other form, or a range not within the source.</exception>
    public static ByteRange? RangeOf(HttpRequest request, long size)
    {
        if (!request.Headers.TryGetValue("x-amz-copy-source-range", out var values))
        {
            return null;
        }

        var header = values.ToString();
        var spec = header.StartsWith("bytes=", StringComparison.Ordinal) ? header["bytes=".Length..] : null;
        var dash = spec?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (spec is null || dash <= 0
            || !long.TryParse(spec[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(spec[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last < first)
        {
            throw new S3Exception("InvalidArgument", "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy");
        }

        return last >= size
            ? throw new S3Exception("InvalidArgument", string.Create(CultureInfo.InvariantCulture, $"Range specified is not valid for source object of size: {size}"))
            : new ByteRange(first, last - first + 1);
    }

    private static long? Date(string header) =>
        DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.ToUnixTimeSeconds() : null;

    private static S3Exception Invalid() => new("InvalidArgument", "Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
}
