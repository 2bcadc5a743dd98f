namespace Sluice.Core.Artifacts;

/// <summary>
/// Where <c>s3://bucket/key</c> objects live: the seam between what steps read and write and how objects are kept (a
/// local folder today, <see cref="Local.LocalObjectStore"/>; an S3 endpoint would be another implementation in its
/// own folder). Callers name objects only by URI and stage them with these verbs; none computes where an object is.
/// </summary>
/// <remarks>
/// A prefix is a folder of keys: <c>s3://b/data</c> covers <c>s3://b/data/x.csv</c> and <c>s3://b/data/sub/y.csv</c>,
/// not <c>s3://b/data2/z.csv</c>. URIs that leave the store (<c>..</c> segments, empty keys) are refused with an
/// <see cref="ArgumentException"/>.
/// </remarks>
public interface IObjectStore
{
    /// <summary>
    /// Copies an S3Prefix input into a folder: every object under the prefix, keeping the part of its key after the
    /// prefix as the relative path (as SageMaker's File input mode does); a URI naming one object copies that object.
    /// </summary>
    /// <param name="s3Uri">The prefix, or one object.</param>
    /// <param name="directory">The folder to fill.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>How many files were copied.</returns>
    /// <exception cref="FileNotFoundException">When no object has that prefix.</exception>
    Task<int> DownloadPrefixAsync(string s3Uri, string directory, CancellationToken cancellationToken);

    /// <summary>
    /// Copies the objects a manifest lists into a folder (S3DataType ManifestFile): the manifest is a JSON list whose
    /// first item is <c>{"prefix": "s3://bucket/prefix/"}</c> and whose other items are keys relative to it, each
    /// copied to the same relative path.
    /// </summary>
    /// <param name="manifestUri">The manifest object's URI.</param>
    /// <param name="directory">The folder to fill.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>How many files were copied.</returns>
    /// <exception cref="FileNotFoundException">When there is no such manifest.</exception>
    /// <exception cref="InvalidDataException">When the manifest is not such a list, or a key leaves the folder.</exception>
    Task<int> DownloadManifestAsync(string manifestUri, string directory, CancellationToken cancellationToken);

    /// <summary>Uploads every file of a folder under a prefix, replacing objects of the same key; a missing folder uploads nothing.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="s3Uri">The prefix.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>How many files were uploaded.</returns>
    /// <exception cref="Jobs.UnsafeJobFileException">
    /// When the folder holds a symbolic link, FIFO, socket or device: a job's output is uploaded only as the regular
    /// files it wrote, never through a link out of its folder.
    /// </exception>
    Task<int> UploadDirectoryAsync(string directory, string s3Uri, CancellationToken cancellationToken);

    /// <summary>Reads a small object's text (a definition, a JsonGet source).</summary>
    /// <param name="s3Uri">The object's URI.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text.</returns>
    /// <exception cref="FileNotFoundException">When there is no such object.</exception>
    Task<string> ReadTextAsync(string s3Uri, CancellationToken cancellationToken);

    /// <summary>Opens an object for reading.</summary>
    /// <param name="s3Uri">The object's URI.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The object's content; the caller disposes it.</returns>
    /// <exception cref="FileNotFoundException">When there is no such object.</exception>
    Task<Stream> OpenReadAsync(string s3Uri, CancellationToken cancellationToken);

    /// <summary>
    /// Opens an object for writing. What was written replaces the object when the stream is disposed; until then
    /// readers see the object as it was.
    /// </summary>
    /// <param name="s3Uri">The object's URI.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The stream to write to; the caller disposes it.</returns>
    Task<Stream> OpenWriteAsync(string s3Uri, CancellationToken cancellationToken);

    /// <summary>The objects under a prefix (or the one object a URI names), ordered by key.</summary>
    /// <param name="s3Uri">A prefix such as <c>s3://bucket/data</c>, or <c>s3://bucket</c>.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>Each object's URI and size; none when nothing is there.</returns>
    Task<IReadOnlyList<ObjectInfo>> ListAsync(string s3Uri, CancellationToken cancellationToken);

    /// <summary>Whether one object exists, and its size.</summary>
    /// <param name="s3Uri">The object's URI.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The object; <see langword="null"/> when there is none (a prefix is not an object).</returns>
    Task<ObjectInfo?> HeadAsync(string s3Uri, CancellationToken cancellationToken);
}
