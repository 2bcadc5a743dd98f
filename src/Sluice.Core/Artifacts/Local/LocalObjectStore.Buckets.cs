namespace Sluice.Core.Artifacts.Local;

/// <content>Buckets: the folders of <see cref="Root"/> (the store's own <c>.sluice</c> folder is none).</content>
public sealed partial class LocalObjectStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<BucketInfo>> ListBucketsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<BucketInfo> buckets = Directory.Exists(Root)
            ? [.. new DirectoryInfo(Root).EnumerateDirectories()
                .Where(d => ObjectNames.IsUsableBucket(d.Name))
                .OrderBy(d => d.Name, StringComparer.Ordinal)
                .Select(Describe)]
            : [];
        return Task.FromResult(buckets);
    }

    /// <inheritdoc />
    public Task<bool> CreateBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        if (!ObjectNames.IsValidNewBucket(bucket))
        {
            throw new ObjectStoreException(ObjectStoreError.InvalidBucketName, $"The specified bucket is not valid: '{bucket}' (3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit).");
        }

        var path = Path.Combine(Root, bucket);
        if (Directory.Exists(path))
        {
            return Task.FromResult(false);
        }

        _durable.CreateFolder(path);
        _durable.FlushFolder(path); // and the store's folder, which gained it
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<BucketInfo?> HeadBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        var path = ObjectNames.IsUsableBucket(bucket) ? Path.Combine(Root, bucket) : null;
        return Task.FromResult(path is not null && Directory.Exists(path) ? Describe(new DirectoryInfo(path)) : null);
    }

    /// <inheritdoc />
    public Task DeleteBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        var path = ExistingBucket(bucket);
        if (Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new ObjectStoreException(ObjectStoreError.BucketNotEmpty, $"The bucket you tried to delete is not empty: {bucket}");
        }

        Directory.Delete(path);
        _durable.FlushFolder(Root);
        var meta = Path.Combine(InternalRoot, "meta", bucket);
        if (Directory.Exists(meta))
        {
            Directory.Delete(meta, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static BucketInfo Describe(DirectoryInfo folder) =>
        new(folder.Name, new DateTimeOffset(folder.CreationTimeUtc, TimeSpan.Zero));
}
