namespace Sluice.Core.Artifacts.Local;

/// <summary>A multipart upload in progress (<c>.sluice/uploads/{id}/upload.json</c>): where it goes and what to keep with it.</summary>
internal sealed record UploadRecord
{
    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required ObjectSidecar Attributes { get; init; }

    /// <summary>When the upload was started (missing in records written before it was kept: the record file's time is used).</summary>
    public DateTimeOffset? Initiated { get; init; }
}
