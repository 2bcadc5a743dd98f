namespace Sluice.Core.Artifacts;

/// <summary>Why the object store refused an operation; each is one of S3's error codes.</summary>
public enum ObjectStoreError
{
    /// <summary>The bucket does not exist.</summary>
    NoSuchBucket,

    /// <summary>The object does not exist.</summary>
    NoSuchKey,

    /// <summary>The bucket's name breaks S3's naming rules.</summary>
    InvalidBucketName,

    /// <summary>The bucket still holds objects (or uploads) and cannot be deleted.</summary>
    BucketNotEmpty,

    /// <summary>The key cannot name an object here: empty, too long, a <c>.</c>/<c>..</c> or empty segment, or it
    /// collides with another key's folder (<c>a</c> and <c>a/b</c> cannot both exist in a folder store).</summary>
    InvalidKey,

    /// <summary>The multipart upload does not exist (never created, completed or aborted).</summary>
    NoSuchUpload,

    /// <summary>A part named in a completion was not uploaded, or its ETag differs.</summary>
    InvalidPart,

    /// <summary>The parts of a completion are not in ascending order.</summary>
    InvalidPartOrder,

    /// <summary>A part other than the last is smaller than the 5 MiB minimum.</summary>
    EntityTooSmall,
}
