using Microsoft.AspNetCore.Http;
using Sluice.Core.Artifacts;

namespace Sluice.Server.S3;

/// <summary>An S3 error answer: S3's code, a message, the HTTP status, and the bucket or key it is about.</summary>
/// <param name="code">S3's error code, e.g. <c>NoSuchKey</c>.</param>
/// <param name="message">What went wrong.</param>
/// <param name="status">The HTTP status.</param>
internal sealed class S3Exception(string code, string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    /// <summary>S3's error code.</summary>
    public string Code { get; } = code;

    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>The answer to an object store refusal.</summary>
    public static S3Exception Of(ObjectStoreException e) => e.Error switch
    {
        ObjectStoreError.NoSuchBucket => new("NoSuchBucket", e.Message, StatusCodes.Status404NotFound),
        ObjectStoreError.NoSuchKey => new("NoSuchKey", e.Message, StatusCodes.Status404NotFound),
        ObjectStoreError.NoSuchUpload => new("NoSuchUpload", e.Message, StatusCodes.Status404NotFound),
        ObjectStoreError.BucketNotEmpty => new("BucketNotEmpty", e.Message, StatusCodes.Status409Conflict),
        ObjectStoreError.InvalidBucketName => new("InvalidBucketName", e.Message),
        ObjectStoreError.InvalidPart => new("InvalidPart", e.Message),
        ObjectStoreError.InvalidPartOrder => new("InvalidPartOrder", e.Message),
        ObjectStoreError.EntityTooSmall => new("EntityTooSmall", e.Message),
        ObjectStoreError.InvalidKey => new(e.Message.Contains("longer than", StringComparison.Ordinal) ? "KeyTooLongError" : "InvalidArgument", e.Message),
        _ => new("InvalidRequest", e.Message),
    };

    /// <summary>A request S3 has but this server does not.</summary>
    public static S3Exception NotImplemented(string what) =>
        new("NotImplemented", $"A header or query you provided implies functionality that is not implemented: {what} is not supported by sluice serve.", StatusCodes.Status501NotImplemented);
}
