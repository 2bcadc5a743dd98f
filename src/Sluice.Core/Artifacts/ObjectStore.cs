namespace Sluice.Core.Artifacts;

/// <summary>
/// <c>s3://bucket/key</c> URIs over a local folder: the object <c>s3://b/k</c> is the file <c>{root}/b/k</c>. Keys that
/// would leave the folder (<c>..</c> segments, absolute paths) are refused.
/// </summary>
/// <param name="root">The folder, normally <c>{data dir}/objects</c>.</param>
public sealed class ObjectStore(string root)
{
    /// <summary>The folder the objects live in.</summary>
    public string Root { get; } = Path.GetFullPath(root);

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
        if (segments.Length == 0 || segments.Any(s => s is "." or ".." || s.Contains('\\', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{s3Uri}' names no object inside the store (empty, '.' or '..' segments are refused)", nameof(s3Uri));
        }

        var path = Path.GetFullPath(Path.Combine([Root, .. segments]));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"'{s3Uri}' leaves the object store", nameof(s3Uri));
    }

    /// <summary>Reads an object's text.</summary>
    /// <param name="s3Uri">The object's URI.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text.</returns>
    /// <exception cref="FileNotFoundException">When there is no such object.</exception>
    public Task<string> ReadTextAsync(string s3Uri, CancellationToken cancellationToken)
    {
        var path = PathOf(s3Uri);
        return File.Exists(path)
            ? File.ReadAllTextAsync(path, cancellationToken)
            : throw new FileNotFoundException($"there is no object {s3Uri} (looked for {path})", path);
    }

    /// <summary>
    /// Copies an S3Prefix input into a folder: every object whose key starts with the URI's key, keeping the part of
    /// the key after the prefix as the relative path (as SageMaker's File input mode does).
    /// </summary>
    /// <param name="s3Uri">The prefix, or one object.</param>
    /// <param name="directory">The folder to fill.</param>
    /// <returns>How many files were copied.</returns>
    /// <exception cref="FileNotFoundException">When no object has that prefix.</exception>
    public int DownloadPrefix(string s3Uri, string directory)
    {
        var path = PathOf(s3Uri);
        Directory.CreateDirectory(directory);
        if (File.Exists(path))
        {
            File.Copy(path, Path.Combine(directory, Path.GetFileName(path)), overwrite: true);
            return 1;
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"there is no object under {s3Uri} (looked in {path}); put data there with 'sluice s3 cp' or write it from an earlier step", path);
        }

        return CopyTree(path, directory);
    }

    /// <summary>Uploads every file of a folder under an S3 prefix, replacing objects of the same key.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="s3Uri">The prefix.</param>
    /// <returns>How many files were uploaded.</returns>
    /// <exception cref="Jobs.UnsafeJobFileException">
    /// When the folder holds a symbolic link, FIFO, socket or device: a job's output is uploaded only as the regular
    /// files it wrote, never through a link out of its folder.
    /// </exception>
    public int UploadDirectory(string directory, string s3Uri)
    {
        var target = PathOf(s3Uri);
        return Directory.Exists(directory) ? CopyTree(directory, target) : 0;
    }

    /// <summary>Copies every file below <paramref name="from"/> to the same relative path below <paramref name="to"/>.</summary>
    private static int CopyTree(string from, string to)
    {
        var count = 0;
        foreach (var file in Jobs.JobFiles.RegularFiles(from))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
            count++;
        }

        return count;
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

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(file, target, overwrite: true);
    }

    /// <summary>The objects under a prefix (or the one object a URI names), with their sizes, ordered by key.</summary>
    /// <param name="s3Uri">A prefix such as <c>s3://bucket/data</c>, or <c>s3://bucket</c>.</param>
    /// <returns>Each object's URI and size in bytes.</returns>
    public IReadOnlyList<(string Uri, long Size)> List(string s3Uri)
    {
        var path = PathOf(s3Uri);
        if (File.Exists(path))
        {
            return [(s3Uri, new FileInfo(path).Length)];
        }

        if (!Directory.Exists(path))
        {
            return [];
        }

        var bucketRoot = s3Uri.TrimEnd('/');
        return [.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => (bucketRoot + "/" + Path.GetRelativePath(path, f).Replace(Path.DirectorySeparatorChar, '/'), new FileInfo(f).Length))];
    }

    /// <summary>
    /// Copies the objects a manifest lists into a folder (S3DataType ManifestFile): the manifest is a JSON list whose
    /// first item is <c>{"prefix": "s3://bucket/prefix/"}</c> and whose other items are keys relative to it, each
    /// copied to the same relative path.
    /// </summary>
    /// <param name="manifestUri">The manifest object's URI.</param>
    /// <param name="directory">The folder to fill.</param>
    /// <returns>How many files were copied.</returns>
    /// <exception cref="InvalidDataException">When the manifest is not such a list.</exception>
    public int DownloadManifest(string manifestUri, string directory)
    {
        var path = PathOf(manifestUri);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"there is no manifest {manifestUri} (looked for {path})", path);
        }

        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
        var items = manifest.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? manifest.RootElement.EnumerateArray().ToList() : [];
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
}
