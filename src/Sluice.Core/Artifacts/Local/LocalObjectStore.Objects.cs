
namespace Sluice.Core.Artifacts.Local;

/// <content>Objects by bucket and key: put, get, head, delete and copy.</content>
public sealed partial class LocalObjectStore
{
    /// <inheritdoc />
    public async Task<ObjectDetails> PutObjectAsync(string bucket, string key, Stream content, ObjectAttributes attributes, CancellationToken cancellationToken)
    {
        var path = ObjectPath(bucket, key);
        var (temporary, _, md5) = await WriteTemporaryAsync(content, cancellationToken);
        return await CommitAsync(bucket, key, path, temporary, Convert.ToHexStringLower(md5), attributes, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ObjectDetails?> GetObjectDetailsAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var path = FileOf(bucket, key);
        var info = path is null ? null : new FileInfo(path);
        return info is { Exists: true }
            ? await DescribeAsync(bucket, key, path!, info.Length, info.LastWriteTimeUtc, cancellationToken)
            : null;
    }

    /// <inheritdoc />
    public async Task<ObjectContent?> OpenObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var path = FileOf(bucket, key);
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous);
        }
        catch (FileNotFoundException)
        {
            return null; // deleted meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null; // a folder: a prefix is not an object
        }

        try
        {
            var modified = File.GetLastWriteTimeUtc(stream.SafeFileHandle);
            var details = await DescribeAsync(bucket, key, path, stream.Length, modified, cancellationToken);
            return new ObjectContent(details, stream);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var bucketPath = ExistingBucket(bucket);
        var path = FileOf(bucket, key);
        if (path is null)
        {
            return false;
        }

        var gate = LockOf(bucket, key);
        await gate.WaitAsync(cancellationToken);
        string changed;
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            // The file before its sidecar: a power loss can leave a sidecar without a file (unused), never the reverse.
            File.Delete(path);
            File.Delete(SidecarPath(bucket, key));
            Forget(bucket, key);
            changed = RemoveEmptyFolders(bucketPath, Path.GetDirectoryName(path)!);
        }
        finally
        {
            gate.Release();
        }

        _durable.FlushFolder(changed);
        return true;
    }

    /// <inheritdoc />
    public async Task<ObjectDetails> CopyObjectAsync(string sourceBucket, string sourceKey, string bucket, string key, ObjectAttributes? replacement, CancellationToken cancellationToken)
    {
        var target = ObjectPath(bucket, key);
        var source = await OpenObjectAsync(sourceBucket, sourceKey, cancellationToken)
            ?? throw new ObjectStoreException(ObjectStoreError.NoSuchKey, $"The specified key does not exist: {sourceBucket}/{Shorten(sourceKey)}");
        string temporary;
        byte[] md5;
        await using (source.Content)
        {
            (temporary, _, md5) = await WriteTemporaryAsync(source.Content, cancellationToken);
        }

        return await CommitAsync(bucket, key, target, temporary, Convert.ToHexStringLower(md5), replacement ?? source.Details.Attributes, cancellationToken);
    }

    /// <summary>The file a key would be, or <see langword="null"/> when the key cannot name one (so no object has it).</summary>
    /// <exception cref="ObjectStoreException">When there is no such bucket.</exception>
    private string? FileOf(string bucket, string key)
    {
        try
        {
            return ObjectPath(bucket, key);
        }
        catch (ObjectStoreException e) when (e.Error == ObjectStoreError.InvalidKey)
        {
            return null;
        }
    }

}
