namespace Sluice.Core.Artifacts;

/// <summary>One object as S3 describes it.</summary>
/// <param name="Bucket">Its bucket.</param>
/// <param name="Key">Its key.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="LastModified">When it was last written.</param>
/// <param name="ETag">Its entity tag as S3 computes it, without quotes: the hex MD5 of the content, or for an object
/// made by a multipart upload the hex MD5 of the parts' MD5s followed by <c>-</c> and the number of parts.</param>
/// <param name="Attributes">What its writer said about it.</param>
public sealed record ObjectDetails(string Bucket, string Key, long Size, DateTimeOffset LastModified, string ETag, ObjectAttributes Attributes);
