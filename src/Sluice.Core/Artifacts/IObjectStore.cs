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

    /// <summary>The buckets, ordered by name.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>Every bucket.</returns>
    Task<IReadOnlyList<BucketInfo>> ListBucketsAsync(CancellationToken cancellationToken);

    /// <summary>Creates a bucket.</summary>
    /// <param name="bucket">Its name, by S3's rules (3-63 lower-case letters, digits, dots and hyphens).</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns><see langword="true"/> when it was created, <see langword="false"/> when it already existed.</returns>
    /// <exception cref="ObjectStoreException"><see cref="ObjectStoreError.InvalidBucketName"/>.</exception>
    Task<bool> CreateBucketAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>One bucket, or <see langword="null"/> when it does not exist.</summary>
    /// <param name="bucket">Its name.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The bucket.</returns>
    Task<BucketInfo?> HeadBucketAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>Deletes an empty bucket.</summary>
    /// <param name="bucket">Its name.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <exception cref="ObjectStoreException"><see cref="ObjectStoreError.NoSuchBucket"/> or <see cref="ObjectStoreError.BucketNotEmpty"/>.</exception>
    Task DeleteBucketAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>
    /// Writes an object from a stream, read to its end without holding it in memory. The object is replaced only when
    /// the whole stream was read: when reading fails (the client went away, a checksum the stream verifies does not
    /// match), the old object stays as it was and the exception propagates.
    /// </summary>
    /// <param name="bucket">An existing bucket.</param>
    /// <param name="key">The key.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="attributes">What to keep with the object.</param>
    /// <param name="cancellationToken">Cancels the write (nothing is replaced).</param>
    /// <returns>The object written, with its ETag.</returns>
    /// <exception cref="ObjectStoreException"><see cref="ObjectStoreError.NoSuchBucket"/> or <see cref="ObjectStoreError.InvalidKey"/>.</exception>
    Task<ObjectDetails> PutObjectAsync(string bucket, string key, Stream content, ObjectAttributes attributes, CancellationToken cancellationToken);

    /// <summary>One object's details, or <see langword="null"/> when there is no such object.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The object.</returns>
    /// <exception cref="ObjectStoreException"><see cref="ObjectStoreError.NoSuchBucket"/>.</exception>
    Task<ObjectDetails?> GetObjectDetailsAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>Opens an object: its details and a seekable stream of the same version (a later write does not change what is read).</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The object and its bytes, or <see langword="null"/> when there is no such object.</returns>
    /// <exception cref="ObjectStoreException"><see cref="ObjectStoreError.NoSuchBucket"/>.</exception>
    Task<ObjectContent?> OpenObjectAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>Deletes an object; deleting one that does not exist is not an error (as in S3).</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>Whether an object was deleted.</returns>
    /// <exception cref="ObjectStoreException"><see cref="ObjectStoreError.NoSuchBucket"/>.</exception>
    Task<bool> DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>Copies an object, keeping its attributes or replacing them.</summary>
    /// <param name="sourceBucket">The source's bucket.</param>
    /// <param name="sourceKey">The source's key.</param>
    /// <param name="bucket">The target's bucket.</param>
    /// <param name="key">The target's key.</param>
    /// <param name="replacement">The target's attributes, or <see langword="null"/> to keep the source's.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ObjectStoreException"><see cref="ObjectStoreError.NoSuchBucket"/>, <see cref="ObjectStoreError.NoSuchKey"/> or <see cref="ObjectStoreError.InvalidKey"/>.</exception>
    Task<ObjectDetails> CopyObjectAsync(string sourceBucket, string sourceKey, string bucket, string key, ObjectAttributes? replacement, CancellationToken cancellationToken);

    /// <summary>One page of a bucket's keys, with S3's prefix, delimiter and marker rules.</summary>
    /// <param name="query">What to list.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ObjectStoreException"><see cref="ObjectStoreError.NoSuchBucket"/>.</exception>
    Task<ObjectListing> ListObjectsAsync(ObjectListQuery query, CancellationToken cancellationToken);

    /// <summary>Starts a multipart upload.</summary>
    /// <param name="bucket">An existing bucket.</param>
    /// <param name="key">The key the completed object will have.</param>
    /// <param name="attributes">What to keep with the completed object.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The upload id.</returns>
    /// <exception cref="ObjectStoreException"><see cref="ObjectStoreError.NoSuchBucket"/> or <see cref="ObjectStoreError.InvalidKey"/>.</exception>
    Task<string> CreateMultipartUploadAsync(string bucket, string key, ObjectAttributes attributes, CancellationToken cancellationToken);

    /// <summary>Uploads (or replaces) one part, read from a stream as <see cref="PutObjectAsync"/> reads.</summary>
    /// <param name="bucket">The upload's bucket.</param>
    /// <param name="key">The upload's key.</param>
    /// <param name="uploadId">The upload.</param>
    /// <param name="partNumber">1 to 10,000.</param>
    /// <param name="content">The part's bytes.</param>
    /// <param name="cancellationToken">Cancels the upload of the part.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ObjectStoreException"><see cref="ObjectStoreError.NoSuchUpload"/>.</exception>
    Task<PartInfo> UploadPartAsync(string bucket, string key, string uploadId, int partNumber, Stream content, CancellationToken cancellationToken);

    /// <summary>The parts uploaded so far, by part number.</summary>
    /// <param name="bucket">The upload's bucket.</param>
    /// <param name="key">The upload's key.</param>
    /// <param name="uploadId">The upload.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The parts.</returns>
    /// <exception cref="ObjectStoreException"><see cref="ObjectStoreError.NoSuchUpload"/>.</exception>
    Task<IReadOnlyList<PartInfo>> ListPartsAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>
    /// Completes a multipart upload: the named parts, in ascending order with the ETags they were given, become the
    /// object (every part but the last at least 5 MiB); its ETag is the hex MD5 of the parts' MD5s, <c>-</c>, the count.
    /// </summary>
    /// <param name="bucket">The upload's bucket.</param>
    /// <param name="key">The upload's key.</param>
    /// <param name="uploadId">The upload.</param>
    /// <param name="parts">Part numbers and ETags (quotes allowed).</param>
    /// <param name="cancellationToken">Cancels the completion (the upload stays).</param>
    /// <returns>The object.</returns>
    /// <exception cref="ObjectStoreException"><see cref="ObjectStoreError.NoSuchUpload"/>, <see cref="ObjectStoreError.InvalidPart"/>,
    /// <see cref="ObjectStoreError.InvalidPartOrder"/> or <see cref="ObjectStoreError.EntityTooSmall"/>.</exception>
    Task<ObjectDetails> CompleteMultipartUploadAsync(string bucket, string key, string uploadId, IReadOnlyList<(int PartNumber, string ETag)> parts, CancellationToken cancellationToken);

    /// <summary>The multipart uploads in progress in a bucket whose keys start with a prefix.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="prefix">The keys' prefix; empty for all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The uploads, ordered as S3 lists them: by key (UTF-8 byte order), then by when they were started.</returns>
    /// <exception cref="ObjectStoreException"><see cref="ObjectStoreError.NoSuchBucket"/>.</exception>
    Task<IReadOnlyList<MultipartUploadInfo>> ListMultipartUploadsAsync(string bucket, string prefix, CancellationToken cancellationToken);

    /// <summary>Abandons a multipart upload and its parts.</summary>
    /// <param name="bucket">The upload's bucket.</param>
    /// <param name="key">The upload's key.</param>
    /// <param name="uploadId">The upload.</param>
    /// <param name="cancellationToken">Cancels the abort.</param>
    /// <exception cref="ObjectStoreException"><see cref="ObjectStoreError.NoSuchUpload"/>.</exception>
    Task AbortMultipartUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken);
}
