namespace Sluice.Sdk.Code;

/// <summary>
/// Puts the code a definition refers to where it refers to it: processing scripts and packed script-mode source
/// (<c>s3://&lt;bucket&gt;/&lt;pipeline&gt;/code/&lt;hash&gt;/...</c>). <c>ObjectStoreCodeUploader</c> (Sluice.Sdk.Local) writes to
/// Sluice's local object store; an S3 implementation puts the same objects in S3.
/// </summary>
public interface ICodeUploader
{
    /// <summary>Stores an object, replacing one at the same URI.</summary>
    /// <param name="s3Uri">The object's URI.</param>
    /// <param name="content">The object's bytes.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>A task that completes when the object is stored.</returns>
    Task UploadAsync(string s3Uri, Stream content, CancellationToken cancellationToken);
}
