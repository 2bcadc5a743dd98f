using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sluice.Core.Artifacts.Local;

/// <content>
/// Where the S3 verbs keep things: a bucket is a folder of <see cref="Root"/>, an object its file, and the store's own
/// files live in <c>.sluice/</c> (no bucket name starts with a dot): <c>meta/</c> the objects' ETags and attributes,
/// <c>tmp/</c> writes in progress, <c>uploads/</c> multipart uploads.
/// </content>
public sealed partial class LocalObjectStore
{
    private const int LockStripes = 64;

    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, LockStripes).Select(_ => new SemaphoreSlim(1, 1))];

    private string InternalRoot => Path.Combine(Root, ".sluice");

    /// <summary>A new file name in the store's temporary folder (created when missing), on the same file system as the objects.</summary>
    private string TemporaryFile()
    {
        var folder = Path.Combine(InternalRoot, "tmp");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
    }

    /// <summary>The folder of an existing bucket.</summary>
    /// <exception cref="ObjectStoreException">When there is no such bucket.</exception>
    private string ExistingBucket(string bucket)
    {
        var path = ObjectNames.IsUsableBucket(bucket) ? Path.Combine(Root, bucket) : null;
        return path is not null && Directory.Exists(path)
            ? path
            : throw new ObjectStoreException(ObjectStoreError.NoSuchBucket, $"The specified bucket does not exist: {bucket}");
    }

    /// <summary>The file of a key in an existing bucket.</summary>
    /// <exception cref="ObjectStoreException">When there is no such bucket, or the key cannot name a file here.</exception>
    private string ObjectPath(string bucket, string key)
    {
        var bucketPath = ExistingBucket(bucket);
        if (ObjectNames.KeyProblem(key) is { } problem)
        {
            throw new ObjectStoreException(ObjectStoreError.InvalidKey, $"The key '{Shorten(key)}' cannot be stored: {problem}.");
        }

        var path = Path.GetFullPath(Path.Combine(bucketPath, key));
        return path.StartsWith(bucketPath + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ObjectStoreException(ObjectStoreError.InvalidKey, $"The key '{Shorten(key)}' leaves its bucket.");
    }

    private string SidecarPath(string bucket, string key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return Path.Combine(InternalRoot, "meta", bucket, hash[..2], hash + ".json");
    }

    private SemaphoreSlim LockOf(string bucket, string key) =>
        _locks[(int)((uint)StringComparer.Ordinal.GetHashCode(bucket + "/" + key) % LockStripes)];

    /// <summary>Copies a stream to a new temporary file, hashing it; the file is deleted when the copy fails.</summary>
    private async Task<(string Path, long Size, byte[] Md5)> WriteTemporaryAsync(Stream content, CancellationToken cancellationToken)
    {
        var temporary = TemporaryFile();
        try
        {
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            long size = 0;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                var buffer = new byte[256 * 1024];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    md5.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    size += read;
                }
            }

            return (temporary, size, md5.GetHashAndReset());
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Moves a written file into an object's place and records its ETag and attributes, under the key's lock.</summary>
    private async Task<ObjectDetails> CommitAsync(string bucket, string key, string path, string temporary, string etag, ObjectAttributes attributes, CancellationToken cancellationToken)
    {
        var gate = LockOf(bucket, key);
        await gate.WaitAsync(cancellationToken);
        try
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Move(temporary, path, overwrite: true);
            }
            catch (IOException e)
            {
                throw Conflict(key, e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw Conflict(key, e);
            }

            var info = new FileInfo(path);
            var sidecar = ObjectSidecar.Of(info.Length, info.LastWriteTimeUtc, etag, attributes);
            await WriteSidecarAsync(bucket, key, sidecar);
            return new ObjectDetails(bucket, key, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), etag, attributes);
        }
        finally
        {
            gate.Release();
            File.Delete(temporary);
        }
    }

    private static ObjectStoreException Conflict(string key, Exception cause) => new(
        ObjectStoreError.InvalidKey,
        $"The key '{Shorten(key)}' collides with another key's folder here (a folder store cannot keep both 'a' and 'a/b'): {cause.Message}");

    private async Task WriteSidecarAsync(string bucket, string key, ObjectSidecar sidecar)
    {
        var path = SidecarPath(bucket, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = TemporaryFile();
        await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(sidecar, SidecarJson.Default.ObjectSidecar));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>An object's details from its file's size and time: the sidecar when it still describes the file, else
    /// the ETag computed from the bytes (and recorded, so the next look-up is cheap).</summary>
    private async Task<ObjectDetails> DescribeAsync(string bucket, string key, string path, long size, DateTime modifiedUtc, CancellationToken cancellationToken)
    {
        var modified = new DateTimeOffset(modifiedUtc, TimeSpan.Zero);
        var sidecarPath = SidecarPath(bucket, key);
        if (File.Exists(sidecarPath))
        {
            try
            {
                var sidecar = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(sidecarPath, cancellationToken), SidecarJson.Default.ObjectSidecar);
                if (sidecar is not null && sidecar.Size == size && sidecar.ModifiedTicks == modifiedUtc.Ticks)
                {
                    return new ObjectDetails(bucket, key, size, modified, sidecar.ETag, sidecar.Attributes);
                }
            }
            catch (JsonException)
            {
                // a damaged sidecar is as good as none: the ETag is computed again
            }
        }

        string etag;
        await using (var file = File.OpenRead(path))
        {
#pragma warning disable CA5351 // S3's ETag is the MD5 of the content by definition; it protects nothing
            etag = Convert.ToHexStringLower(await MD5.HashDataAsync(file, cancellationToken));
#pragma warning restore CA5351
        }

        var fresh = new FileInfo(path);
        if (fresh.Exists && fresh.Length == size && fresh.LastWriteTimeUtc == modifiedUtc)
        {
            await WriteSidecarAsync(bucket, key, ObjectSidecar.Of(size, modifiedUtc, etag, ObjectAttributes.None));
        }

        return new ObjectDetails(bucket, key, size, modified, etag, ObjectAttributes.None);
    }

    /// <summary>Removes the empty folders between a deleted object and its bucket.</summary>
    private static void RemoveEmptyFolders(string bucketPath, string? folder)
    {
        while (folder is not null && folder.Length > bucketPath.Length && folder.StartsWith(bucketPath + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    return;
                }

                Directory.Delete(folder);
            }
            catch (IOException)
            {
                return; // something was written meanwhile
            }

            folder = Path.GetDirectoryName(folder);
        }
    }

    private static string Shorten(string key) => key.Length <= 200 ? key : key[..200] + "...";
}
