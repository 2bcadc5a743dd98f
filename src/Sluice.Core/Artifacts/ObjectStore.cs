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
}
