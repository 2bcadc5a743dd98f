namespace Sluice.Core.Artifacts;

/// <summary>
/// What a writer says about an object besides its bytes, kept with it and given back on every read: the HTTP headers S3
/// stores (<c>Content-Type</c>, <c>Content-Encoding</c>, <c>Content-Disposition</c>, <c>Cache-Control</c>), user
/// metadata (<c>x-amz-meta-*</c>, names without the prefix, lower case) and checksums by algorithm
/// (<c>CRC32</c> → its base64 value).
/// </summary>
public sealed record ObjectAttributes
{
    /// <summary>No attributes: an object written without any (by a job, by <c>sluice s3 cp</c>).</summary>
    public static readonly ObjectAttributes None = new();

    /// <summary>The media type, or <see langword="null"/> for S3's default (<c>binary/octet-stream</c>).</summary>
    public string? ContentType { get; init; }

    /// <summary>The content encoding as the writer gave it (<c>aws-chunked</c> is framing, never kept here).</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>The content disposition.</summary>
    public string? ContentDisposition { get; init; }

    /// <summary>The cache control.</summary>
    public string? CacheControl { get; init; }

    /// <summary>User metadata: names (lower case, without <c>x-amz-meta-</c>) to values.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Checksums the writer sent and the server verified: algorithm (<c>CRC32</c>, <c>SHA256</c>, ...) to base64 value.</summary>
    public IReadOnlyDictionary<string, string> Checksums { get; init; } = new Dictionary<string, string>();
}
