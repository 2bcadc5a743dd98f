using System.Text.Json;
using Sluice.Core.Jobs;
using Sluice.Core.Storage;

namespace Sluice.Core.Artifacts.Local;

/// <summary>
/// The local object store: <c>s3://bucket/key</c> URIs over a folder, where the object <c>s3://b/k</c> is the file
/// <c>{root}/b/k</c> and a prefix is a folder. Keys that would leave the folder (<c>..</c> segments, absolute paths)
/// are refused. Only this class knows where an object lives (<see cref="PathOf"/>).
/// </summary>
/// <remarks>
/// Writes follow <c>store.durability</c> (<paramref name="durability"/>). With <see cref="StoreDurability.Full"/> (the
/// default) a write is on the disk before it completes: each file is flushed (fsync) before the rename that publishes
/// it, and each folder whose entries changed after the change; the object's file goes into place before its sidecar,
/// so a power loss leaves an acknowledged object with its ETag and attributes, and at worst an unacknowledged one with
/// its ETag computed again from its bytes. With <see cref="StoreDurability.Normal"/> nothing is flushed: a
/// <c>kill -9</c> loses nothing, a power loss can take back the writes of the last seconds.
/// </remarks>
/// <param name="root">The folder, normally <c>{data dir}/objects</c>.</param>
/// <param name="durability">Whether writes are flushed to the disk before they complete (<c>store.durability</c>).</param>
public sealed partial class LocalObjectStore(string root, StoreDurability durability = StoreDurability.Full) : IObjectStore
{
    private readonly DurableFiles _durable = new(durability);

    /// <summary>The folder the objects live in.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Whether writes are flushed to the disk before they complete (<c>store.durability</c>).</summary>
    public StoreDurability Durability => _durable.Durability;

    /// <summary>The local path of an S3 URI.</summary>
    /// <param name="s3Uri">An <c>s3://bucket/key</c> URI.</param>
    /// <returns>The file or folder path.</returns>
    /// <exception cref="ArgumentException">When the URI is not an S3 URI or its key leaves the store.</exception>
    public string PathOf(string s3Uri)
    {
        if (!s3Uri.StartsWith("s3://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{s3Uri}' is not an s3:// URI", nameof(s3Uri));
        }

        var rest = s3Uri["s3://".Length..];
        var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments[0].StartsWith('.') || segments.Any(s => s is "." or ".." || s.Contains('\\', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{s3Uri}' names no object inside the store (empty, '.' or '..' segments and bucket names starting with '.' are refused)", nameof(s3Uri));
        }

        var path = Path.GetFullPath(Path.Combine([Root, .. segments]));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"'{s3Uri}' leaves the object store", nameof(s3Uri));
    }

    /// <inheritdoc />
    public Task<string> ReadTextAsync(string s3Uri, CancellationToken cancellationToken)
    {
        var path = PathOf(s3Uri);
        return File.Exists(path)
            ? File.ReadAllTextAsync(path, cancellationToken)
            : throw new FileNotFoundException($"there is no object {s3Uri} (looked for {path})", path);
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string s3Uri, CancellationToken cancellationToken)
    {
        var path = PathOf(s3Uri);
        return File.Exists(path)
            ? Task.FromResult<Stream>(File.OpenRead(path))
            : throw new FileNotFoundException($"there is no object {s3Uri} (looked for {path})", path);
    }

    /// <inheritdoc />
    /// <remarks>The content goes to a file beside the object's, moved into place when the stream is disposed.</remarks>
    public Task<Stream> OpenWriteAsync(string s3Uri, CancellationToken cancellationToken)
    {
        var path = PathOf(s3Uri);
        _durable.CreateFolder(Path.GetDirectoryName(path)!);
        return Task.FromResult<Stream>(new ReplacingFileStream(path, TemporaryFile(), _durable));
    }

    /// <inheritdoc />
    public Task<int> DownloadPrefixAsync(string s3Uri, string directory, CancellationToken cancellationToken)
    {
        var path = PathOf(s3Uri);
        Directory.CreateDirectory(directory);
        if (File.Exists(path))
        {
            File.Copy(path, Path.Combine(directory, Path.GetFileName(path)), overwrite: true);
            return Task.FromResult(1);
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"there is no object under {s3Uri} (looked in {path}); put data there with 'sluice s3 cp' or write it from an earlier step", path);
        }

        return Task.FromResult(CopyTree(path, directory));
    }

    /// <inheritdoc />
    public Task<int> UploadDirectoryAsync(string directory, string s3Uri, CancellationToken cancellationToken)
    {
        var target = PathOf(s3Uri);
        return Task.FromResult(Directory.Exists(directory) ? CopyTreeIn(directory, target) : 0);
    }

    /// <summary>Copies a local file to an object.</summary>
    /// <param name="file">The local file.</param>
    /// <param name="s3Uri">The object's URI.</param>
    /// <exception cref="ArgumentException">When the URI names no key: a file there would take the bucket's place.</exception>
    public void UploadFile(string file, string s3Uri)
    {
        var target = PathOf(s3Uri);
        if (Path.GetDirectoryName(target) == Root)
        {
            throw new ArgumentException($"'{s3Uri}' names a bucket, not an object; give s3://BUCKET/KEY", nameof(s3Uri));
        }

        var folder = Path.GetDirectoryName(target)!;
        _durable.CreateFolder(folder);
        _durable.Copy(file, target, TemporaryFile);
        _durable.FlushFolder(folder);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ObjectInfo>> ListAsync(string s3Uri, CancellationToken cancellationToken)
    {
        var path = PathOf(s3Uri);
        if (File.Exists(path))
        {
            return Task.FromResult<IReadOnlyList<ObjectInfo>>([new ObjectInfo(s3Uri, new FileInfo(path).Length)]);
        }

        if (!Directory.Exists(path))
        {
            return Task.FromResult<IReadOnlyList<ObjectInfo>>([]);
        }

        var bucketRoot = s3Uri.TrimEnd('/');
        return Task.FromResult<IReadOnlyList<ObjectInfo>>([.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new ObjectInfo(bucketRoot + "/" + Path.GetRelativePath(path, f).Replace(Path.DirectorySeparatorChar, '/'), new FileInfo(f).Length))]);
    }

    /// <inheritdoc />
    public Task<ObjectInfo?> HeadAsync(string s3Uri, CancellationToken cancellationToken)
    {
        var path = PathOf(s3Uri);
        return Task.FromResult(File.Exists(path) ? new ObjectInfo(s3Uri, new FileInfo(path).Length) : null);
    }

    /// <inheritdoc />
    public async Task<int> DownloadManifestAsync(string manifestUri, string directory, CancellationToken cancellationToken)
    {
        var path = PathOf(manifestUri);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"there is no manifest {manifestUri} (looked for {path})", path);
        }

        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(path, cancellationToken));
        var items = manifest.RootElement.ValueKind == JsonValueKind.Array ? manifest.RootElement.EnumerateArray().ToList() : [];
        if (items.Count == 0 || !items[0].TryGetProperty("prefix", out var prefixElement) || prefixElement.GetString() is not { } prefix)
        {
            throw new InvalidDataException($"the manifest {manifestUri} must be a JSON list starting with {{\"prefix\": \"s3://...\"}}");
        }

        Directory.CreateDirectory(directory);
        foreach (var item in items.Skip(1))
        {
            var key = item.GetString() ?? throw new InvalidDataException($"the manifest {manifestUri} lists a key that is not a string");
            var source = PathOf(prefix.TrimEnd('/') + "/" + key);
            var target = Path.GetFullPath(Path.Combine(directory, key));
            if (!target.StartsWith(Path.GetFullPath(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"the manifest {manifestUri} lists '{key}', which leaves the input folder");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
        }

        return items.Count - 1;
    }

    /// <summary>Copies every regular file below <paramref name="from"/> to the same relative path below <paramref name="to"/>.</summary>
    /// <exception cref="UnsafeJobFileException">When <paramref name="from"/> holds a link, FIFO, socket or device.</exception>
    private static int CopyTree(string from, string to)
    {
        var count = 0;
        foreach (var file in JobFiles.RegularFiles(from))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
            count++;
        }

        return count;
    }

    /// <summary>
    /// Copies every regular file below <paramref name="from"/> into the store below <paramref name="to"/>, each file
    /// flushed and each folder that received one flushed once at the end (<see cref="DurableFiles"/>).
    /// </summary>
    /// <exception cref="UnsafeJobFileException">When <paramref name="from"/> holds a link, FIFO, socket or device.</exception>
    private int CopyTreeIn(string from, string to)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var file in JobFiles.RegularFiles(from))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            var folder = Path.GetDirectoryName(destination)!;
            if (folders.Add(folder))
            {
                _durable.CreateFolder(folder);
            }

            _durable.Copy(file, destination, TemporaryFile);
            count++;
        }

        foreach (var folder in folders)
        {
            _durable.FlushFolder(folder);
        }

        return count;
    }
}
