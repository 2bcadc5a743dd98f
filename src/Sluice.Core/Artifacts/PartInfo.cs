namespace Sluice.Core.Artifacts;

/// <summary>One uploaded part of a multipart upload.</summary>
/// <param name="PartNumber">Its number, 1 to 10,000.</param>
/// <param name="ETag">The hex MD5 of its bytes, without quotes.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="LastModified">When it was uploaded.</param>
public sealed record PartInfo(int PartNumber, string ETag, long Size, DateTimeOffset LastModified);
