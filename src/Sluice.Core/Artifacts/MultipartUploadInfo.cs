namespace Sluice.Core.Artifacts;

/// <summary>A multipart upload in progress (started, neither completed nor aborted).</summary>
/// <param name="Key">The key the completed object will have.</param>
/// <param name="UploadId">The upload's id.</param>
/// <param name="Initiated">When it was started.</param>
public sealed record MultipartUploadInfo(string Key, string UploadId, DateTimeOffset Initiated);
