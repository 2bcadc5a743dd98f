using System.Buffers;
using System.Collections.Concurrent;
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

    /// <summary>The most an object is streamed in at once: large enough that each write and each hash call is worth its
    /// cost, small enough to stay in a core's cache between being received, hashed and written (1 MiB pieces cost more).</summary>
    private const int StreamChunk = 256 * 1024;

    /// <summary>How many sidecars <see cref="_sidecars"/> keeps before it starts afresh.</summary>
    private const int MaxCachedSidecars = 100_000;

    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, LockStripes).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// The sidecars read or written lately, by <c>bucket/key</c>: a GET, HEAD or listing finds an object's ETag and
    /// attributes here instead of in its file. An entry counts only while the object's file keeps the size and time it
    /// records, as the file on disk does, so a write by anyone else (a job, another process) is noticed the same way.
    /// </summary>
    private readonly ConcurrentDictionary<string, ObjectSidecar> _sidecars = new(StringComparer.Ordinal);

    private volatile string? _temporaryFolder;

    private string InternalRoot => Path.Combine(Root, ".sluice");

    /// <summary>A new file name in the store's temporary folder (created when missing), on the same file system as the objects.</summary>
    private string TemporaryFile()
    {
        var folder = _temporaryFolder;
        if (folder is null || !Directory.Exists(folder))
        {
            folder = Path.Combine(InternalRoot, "tmp");
            _durable.CreateFolder(folder);
            _durable.FlushFolder(folder); // and .sluice with it when new, which meta/ and uploads/ hang from
            _temporaryFolder = folder;
        }

        return Path.Combine(folder, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
    }

    private static string CacheKey(string bucket, string key) => string.Concat(bucket, "/", key);

    private void Remember(string bucket, string key, ObjectSidecar sidecar)
    {
        if (_sidecars.Count >= MaxCachedSidecars)
        {
            _sidecars.Clear(); // a bound, not an eviction policy: the files on disk stay the truth
        }

        _sidecars[CacheKey(bucket, key)] = sidecar;
    }

    /// <summary>Forgets what is cached about a deleted key.</summary>
    private void Forget(string bucket, string key) => _sidecars.TryRemove(CacheKey(bucket, key), out _);

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

    /// <summary>
    /// Copies a stream to a new temporary file, hashing it (MD5, the ETag S3 gives a single-part object); the file is
    /// deleted when the copy fails. Each piece read (at most <see cref="StreamChunk"/>, into one pooled buffer) is
    /// hashed and then written by the same thread while it is still in that core's cache: handing the write to another
    /// thread, to overlap it with the hash, was measured to cost more CPU per MiB (the kernel's copy into the page
    /// cache), and a pwrite to the page cache blocks a thread either way. With <c>store.durability: full</c> the file
    /// is flushed to the disk (one fsync) before it is closed; with <c>normal</c> it is not, and the rename that
    /// publishes it makes it durable against a killed process (the page cache survives it), not against a power loss.
    /// </summary>
    private async Task<(string Path, long Size, byte[] Md5)> WriteTemporaryAsync(Stream content, CancellationToken cancellationToken)
    {
        var temporary = TemporaryFile();
        var buffer = ArrayPool<byte>.Shared.Rent(StreamChunk);
        try
        {
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            long size = 0;
            using (var file = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, StreamChunk), cancellationToken)) > 0)
                {
                    md5.AppendData(buffer, 0, read);
                    RandomAccess.Write(file, buffer.AsSpan(0, read), size);
                    size += read;
                }

                _durable.Flush(file);
            }

            return (temporary, size, md5.GetHashAndReset());
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Moves a written (and, with <c>store.durability: full</c>, flushed) file into an object's place and records its
    /// ETag and attributes, under the key's lock; then flushes the folders whose entries changed, the object's before
    /// the sidecar's. The object goes into place first: a power loss before the flushes can leave the new file with
    /// the old sidecar (which no longer matches its size and time, so the ETag is computed again from the bytes), never
    /// a new sidecar over the old file; after them, both are on the disk and the write is acknowledged.
    /// </summary>
    private async Task<ObjectDetails> CommitAsync(string bucket, string key, string path, string temporary, string etag, ObjectAttributes attributes, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        var gate = LockOf(bucket, key);
        await gate.WaitAsync(cancellationToken);
        try
        {
            try
            {
                _durable.CreateFolder(folder);
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
            var sidecarFolder = WriteSidecar(bucket, key, sidecar, flush: true);

            // Under the lock: a flush of the sidecar's folder must not make a later writer's sidecar durable ahead of
            // its file, over the file this write acknowledges.
            _durable.FlushFolder(folder);
            _durable.FlushFolder(sidecarFolder);
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

    /// <summary>
    /// Records an object's sidecar: its file (a few hundred bytes, written in place of a thread hop), then the cache.
    /// With <paramref name="flush"/> and <c>store.durability: full</c> the file is flushed before its rename; its folder
    /// is for the caller to flush.
    /// </summary>
    /// <returns>The sidecar's folder.</returns>
    private string WriteSidecar(string bucket, string key, ObjectSidecar sidecar, bool flush)
    {
        var path = SidecarPath(bucket, key);
        var folder = Path.GetDirectoryName(path)!;
        _durable.CreateFolder(folder);
        var temporary = TemporaryFile();
        var content = JsonSerializer.SerializeToUtf8Bytes(sidecar, SidecarJson.Default.ObjectSidecar);
        if (flush)
        {
            _durable.WriteAllBytes(temporary, content);
        }
        else
        {
            File.WriteAllBytes(temporary, content);
        }

        File.Move(temporary, path, overwrite: true);
        Remember(bucket, key, sidecar);
        return folder;
    }

    /// <summary>An object's details from its file's size and time: the sidecar when it still describes the file, else
    /// the ETag computed from the bytes (and recorded, so the next look-up is cheap).</summary>
    private async Task<ObjectDetails> DescribeAsync(string bucket, string key, string path, long size, DateTime modifiedUtc, CancellationToken cancellationToken)
    {
        var modified = new DateTimeOffset(modifiedUtc, TimeSpan.Zero);
        if (_sidecars.TryGetValue(CacheKey(bucket, key), out var cached) && cached.Size == size && cached.ModifiedTicks == modifiedUtc.Ticks)
        {
            return new ObjectDetails(bucket, key, size, modified, cached.ETag, cached.Attributes);
        }

        var sidecarPath = SidecarPath(bucket, key);
        if (File.Exists(sidecarPath))
        {
            try
            {
                var sidecar = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(sidecarPath, cancellationToken), SidecarJson.Default.ObjectSidecar);
                if (sidecar is not null && sidecar.Size == size && sidecar.ModifiedTicks == modifiedUtc.Ticks)
                {
                    Remember(bucket, key, sidecar);
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
            // Not flushed: it says what the bytes say, and a lost one is computed again.
            WriteSidecar(bucket, key, ObjectSidecar.Of(size, modifiedUtc, etag, ObjectAttributes.None), flush: false);
        }

        return new ObjectDetails(bucket, key, size, modified, etag, ObjectAttributes.None);
    }

    /// <summary>Removes the empty folders between a deleted object and its bucket.</summary>
    /// <returns>The folder where it stopped: the deepest one left, whose entries changed last.</returns>
    private static string RemoveEmptyFolders(string bucketPath, string folder)
    {
        while (folder.Length > bucketPath.Length && folder.StartsWith(bucketPath + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    return folder;
                }

                Directory.Delete(folder);
            }
            catch (IOException)
            {
                return folder; // something was written meanwhile
            }

            folder = Path.GetDirectoryName(folder)!;
        }

        return folder;
    }

    private static string Shorten(string key) => key.Length <= 200 ? key : key[..200] + "...";
}
