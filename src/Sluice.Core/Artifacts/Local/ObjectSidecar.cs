namespace Sluice.Core.Artifacts.Local;

/// <summary>
/// What the store keeps beside an object's file (in <c>.sluice/meta</c>): its ETag and attributes, valid while the
/// file keeps the size and modification time recorded here. A file written another way (a job's output, a copy by
/// hand) makes it stale, and the ETag is computed again from the bytes.
/// </summary>
internal sealed record ObjectSidecar
{
    public long Size { get; init; }

    public long ModifiedTicks { get; init; }

    public required string ETag { get; init; }

    public string? ContentType { get; init; }

    public string? ContentEncoding { get; init; }

    public string? ContentDisposition { get; init; }

    public string? CacheControl { get; init; }

    public Dictionary<string, string>? Metadata { get; init; }

    public Dictionary<string, string>? Checksums { get; init; }

    public ObjectAttributes Attributes => new()
    {
        ContentType = ContentType,
        ContentEncoding = ContentEncoding,
        ContentDisposition = ContentDisposition,
        CacheControl = CacheControl,
        Metadata = Metadata ?? [],
        Checksums = Checksums ?? [],
    };

    public static ObjectSidecar Of(long size, DateTime modifiedUtc, string etag, ObjectAttributes attributes) => new()
    {
        Size = size,
        ModifiedTicks = modifiedUtc.Ticks,
        ETag = etag,
        ContentType = attributes.ContentType,
        ContentEncoding = attributes.ContentEncoding,
        ContentDisposition = attributes.ContentDisposition,
        CacheControl = attributes.CacheControl,
        Metadata = attributes.Metadata.Count == 0 ? null : new(attributes.Metadata),
        Checksums = attributes.Checksums.Count == 0 ? null : new(attributes.Checksums),
    };
}
