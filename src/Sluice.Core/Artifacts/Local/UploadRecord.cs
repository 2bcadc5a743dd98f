namespace Sluice.Core.Artifacts.Local;

/// <summary>A multipart upload in progress (<c>.sluice/uploads/{id}/upload.json</c>): where it goes and what to keep with it.</summary>
internal sealed record UploadRecord
{
    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required ObjectSidecar Attributes { get; init; }
}
