using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sluice.Core.Artifacts.Local;

/// <content>
/// Multipart uploads: each in <c>.sluice/uploads/{id}/</c> with <c>upload.json</c> (where it goes), and per part its
/// bytes (<c>{n}.part</c>) and its ETag (<c>{n}.etag</c>, written after the bytes are in place). With
/// <c>store.durability: full</c> each of these files is flushed to the disk, and the upload's folder after them, before
/// the call completes; the upload's folder is removed, and <c>uploads/</c> flushed, once it is completed or aborted.
/// </content>
public sealed partial class LocalObjectStore
{
    /// <summary>The smallest part but the last, as S3: 5 MiB.</summary>
    public const long MinPartSize = 5L * 1024 * 1024;

    /// <summary>The highest part number.</summary>
    public const int MaxPartNumber = 10_000;

    /// <inheritdoc />
    public Task<string> CreateMultipartUploadAsync(string bucket, string key, ObjectAttributes attributes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _ = ObjectPath(bucket, key);
        var id = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        var folder = Path.Combine(InternalRoot, "uploads", id);
        _durable.CreateFolder(folder);
        var record = new UploadRecord { Bucket = bucket, Key = key, Attributes = ObjectSidecar.Of(0, default, string.Empty, attributes), Initiated = DateTimeOffset.UtcNow };
        _durable.WriteAllBytes(Path.Combine(folder, "upload.json"), JsonSerializer.SerializeToUtf8Bytes(record, SidecarJson.Default.UploadRecord));
        _durable.FlushFolder(folder);
        return Task.FromResult(id);
    }

    /// <inheritdoc />
    public async Task<PartInfo> UploadPartAsync(string bucket, string key, string uploadId, int partNumber, Stream content, CancellationToken cancellationToken)
    {
        var (folder, _) = await UploadAsync(bucket, key, uploadId, cancellationToken);
        if (partNumber is < 1 or > MaxPartNumber)
        {
            throw new ObjectStoreException(ObjectStoreError.InvalidPart, $"Part number must be an integer between 1 and {MaxPartNumber}, inclusive; got {partNumber}.");
        }

        var (temporary, size, md5) = await WriteTemporaryAsync(content, cancellationToken);
        var etag = Convert.ToHexStringLower(md5);
        var name = partNumber.ToString(CultureInfo.InvariantCulture);
        try
        {
            File.Move(temporary, Path.Combine(folder, name + ".part"), overwrite: true);
            _durable.WriteAllBytes(Path.Combine(folder, name + ".etag"), Encoding.ASCII.GetBytes(etag));
            _durable.FlushFolder(folder);
        }
        catch (DirectoryNotFoundException)
        {
            throw NoSuchUpload(uploadId); // aborted meanwhile
        }
        finally
        {
            File.Delete(temporary);
        }

        return new PartInfo(partNumber, etag, size, DateTimeOffset.UtcNow);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PartInfo>> ListPartsAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        var (folder, _) = await UploadAsync(bucket, key, uploadId, cancellationToken);
        var parts = new List<PartInfo>();
        foreach (var etagFile in Directory.EnumerateFiles(folder, "*.etag"))
        {
            if (int.TryParse(Path.GetFileNameWithoutExtension(etagFile), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && new FileInfo(Path.ChangeExtension(etagFile, ".part")) is { Exists: true } part)
            {
                parts.Add(new PartInfo(number, (await File.ReadAllTextAsync(etagFile, cancellationToken)).Trim(), part.Length, new DateTimeOffset(part.LastWriteTimeUtc, TimeSpan.Zero)));
            }
        }

        return [.. parts.OrderBy(p => p.PartNumber)];
    }

    /// <inheritdoc />
    public async Task<ObjectDetails> CompleteMultipartUploadAsync(string bucket, string key, string uploadId, IReadOnlyList<(int PartNumber, string ETag)> parts, CancellationToken cancellationToken)
    {
        var (folder, record) = await UploadAsync(bucket, key, uploadId, cancellationToken);
        var path = ObjectPath(bucket, key);
        if (parts.Count == 0)
        {
            throw new ObjectStoreException(ObjectStoreError.InvalidPart, "You must specify at least one part.");
        }

        var uploaded = (await ListPartsAsync(bucket, key, uploadId, cancellationToken)).ToDictionary(p => p.PartNumber);
        for (var i = 1; i < parts.Count; i++)
        {
            if (parts[i].PartNumber <= parts[i - 1].PartNumber)
            {
                throw new ObjectStoreException(ObjectStoreError.InvalidPartOrder, "The list of parts was not in ascending order. The parts list must be specified in order by part number.");
            }
        }

        for (var i = 0; i < parts.Count; i++)
        {
            var (number, etag) = parts[i];
            if (!uploaded.TryGetValue(number, out var part) || !string.Equals(part.ETag, etag.Trim().Trim('"'), StringComparison.OrdinalIgnoreCase))
            {
                throw new ObjectStoreException(ObjectStoreError.InvalidPart, $"One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag: part {number}.");
            }

            if (i < parts.Count - 1 && part.Size < MinPartSize)
            {
                throw new ObjectStoreException(ObjectStoreError.EntityTooSmall, $"Your proposed upload is smaller than the minimum allowed size: part {number} is {part.Size} bytes; every part but the last must be at least {MinPartSize} bytes.");
            }
        }

        var temporary = TemporaryFile();
        using var md5s = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        try
        {
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                foreach (var (number, _) in parts)
                {
                    md5s.AppendData(Convert.FromHexString(uploaded[number].ETag));
                    await using var part = File.OpenRead(Path.Combine(folder, number.ToString(CultureInfo.InvariantCulture) + ".part"));
                    await part.CopyToAsync(target, StreamChunk, cancellationToken);
                }

                _durable.Flush(target.SafeFileHandle);
            }
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        var etagOfAll = Convert.ToHexStringLower(md5s.GetHashAndReset()) + "-" + parts.Count.ToString(CultureInfo.InvariantCulture);
        var details = await CommitAsync(bucket, key, path, temporary, etagOfAll, record.Attributes.Attributes, cancellationToken);
        RemoveUpload(folder);
        return details;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MultipartUploadInfo>> ListMultipartUploadsAsync(string bucket, string prefix, CancellationToken cancellationToken)
    {
        _ = ExistingBucket(bucket);
        var uploads = new List<MultipartUploadInfo>();
        var root = Path.Combine(InternalRoot, "uploads");
        if (!Directory.Exists(root))
        {
            return uploads;
        }

        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            var file = Path.Combine(folder, "upload.json");
            UploadRecord? record;
            DateTime written;
            try
            {
                record = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(file, cancellationToken), SidecarJson.Default.UploadRecord);
                written = File.GetLastWriteTimeUtc(file);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
            {
                continue; // completed or aborted meanwhile, or not an upload
            }

            if (record is not null && record.Bucket == bucket && record.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                uploads.Add(new MultipartUploadInfo(record.Key, Path.GetFileName(folder), record.Initiated ?? new DateTimeOffset(written, TimeSpan.Zero)));
            }
        }

        return [.. uploads.OrderBy(u => u.Key, Utf8Order.Instance).ThenBy(u => u.Initiated).ThenBy(u => u.UploadId, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task AbortMultipartUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        var (folder, _) = await UploadAsync(bucket, key, uploadId, cancellationToken);
        RemoveUpload(folder);
    }

    /// <summary>Removes an upload's folder; with <c>store.durability: full</c> flushes <c>uploads/</c> after it, so a
    /// completed or aborted upload does not come back after a power loss.</summary>
    private void RemoveUpload(string folder)
    {
        Directory.Delete(folder, recursive: true);
        _durable.FlushFolder(Path.GetDirectoryName(folder)!);
    }

    /// <summary>An upload's folder and record, checked against the bucket and key it was created for.</summary>
    private async Task<(string Folder, UploadRecord Record)> UploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        _ = ExistingBucket(bucket);
        if (uploadId.Length != 64 || !uploadId.All(char.IsAsciiHexDigitLower))
        {
            throw NoSuchUpload(uploadId);
        }

        var folder = Path.Combine(InternalRoot, "uploads", uploadId);
        UploadRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(Path.Combine(folder, "upload.json"), cancellationToken), SidecarJson.Default.UploadRecord);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            throw NoSuchUpload(uploadId);
        }

        return record is not null && record.Bucket == bucket && record.Key == key ? (folder, record) : throw NoSuchUpload(uploadId);
    }

    private static ObjectStoreException NoSuchUpload(string uploadId) => new(
        ObjectStoreError.NoSuchUpload,
        $"The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed: {(uploadId.Length <= 80 ? uploadId : uploadId[..80] + "...")}");
}
