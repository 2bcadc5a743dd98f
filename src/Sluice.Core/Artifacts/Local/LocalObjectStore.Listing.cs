namespace Sluice.Core.Artifacts.Local;

/// <content>Listing a bucket as S3 does: by prefix, rolled up by a delimiter, after a marker, a page at a time.</content>
public sealed partial class LocalObjectStore
{
    /// <inheritdoc />
    public async Task<ObjectListing> ListObjectsAsync(ObjectListQuery query, CancellationToken cancellationToken)
    {
        var bucketPath = ExistingBucket(query.Bucket);
        var prefix = query.Prefix;
        var delimiter = string.IsNullOrEmpty(query.Delimiter) ? null : query.Delimiter;

        // Walk only the folder the prefix names entirely ("a/b/c" starts in "a/b/"), when it is one.
        var folderPart = prefix[..(prefix.LastIndexOf('/') + 1)];
        var start = folderPart.Length == 0 ? bucketPath : FolderOf(bucketPath, folderPart);
        var keys = new List<(string Item, string? Path)>();
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        if (start is not null && Directory.Exists(start))
        {
            Walk(new DirectoryInfo(start), folderPart, prefix, delimiter, keys, prefixes, cancellationToken);
        }

        var items = keys.Select(k => (k.Item, k.Path))
            .Concat(prefixes.Select(p => (Item: p, Path: (string?)null)))
            .Where(i => query.After is null || Utf8Order.Instance.Compare(i.Item, query.After) > 0)
            .OrderBy(i => i.Item, Utf8Order.Instance)
            .ToList();
        var page = items.Take(Math.Max(0, query.MaxKeys)).ToList();
        var objects = new List<ObjectDetails>(page.Count);
        var common = new List<string>();
        foreach (var (item, path) in page)
        {
            if (path is null)
            {
                common.Add(item);
                continue;
            }

            var info = new FileInfo(path);
            if (info.Exists)
            {
                objects.Add(await DescribeAsync(query.Bucket, item, path, info.Length, info.LastWriteTimeUtc, cancellationToken));
            }
        }

        return new ObjectListing(objects, common, items.Count > page.Count, page.Count == 0 ? null : page[^1].Item);
    }

    /// <summary>The folder a key prefix ending in '/' names inside the bucket, or <see langword="null"/> when it names none.</summary>
    private static string? FolderOf(string bucketPath, string folderPart)
    {
        if (ObjectNames.KeyProblem(folderPart.TrimEnd('/')) is not null)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(bucketPath, folderPart.TrimEnd('/')));
        return path.StartsWith(bucketPath + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }

    /// <summary>Collects the keys (with their files) and common prefixes below a folder whose key prefix is <paramref name="keyPrefix"/>.</summary>
    private static void Walk(DirectoryInfo folder, string keyPrefix, string prefix, string? delimiter, List<(string Item, string? Path)> keys, HashSet<string> prefixes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            var key = keyPrefix + entry.Name;
            if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                continue; // a link is never followed out of the store
            }

            if (entry is DirectoryInfo sub)
            {
                var folderKey = key + "/";
                if (folderKey.StartsWith(prefix, StringComparison.Ordinal))
                {
                    if (delimiter is not null && folderKey.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) is var at and >= 0
                        && at + delimiter.Length <= keyPrefix.Length + entry.Name.Length + 1 && delimiter == "/")
                    {
                        // every key below rolls up into this folder's prefix: no need to walk it, only to know it holds one
                        if (sub.EnumerateFiles("*", SearchOption.AllDirectories).Any())
                        {
                            prefixes.Add(folderKey);
                        }

                        continue;
                    }

                    Walk(sub, folderKey, prefix, delimiter, keys, prefixes, cancellationToken);
                }
                else if (prefix.StartsWith(folderKey, StringComparison.Ordinal))
                {
                    Walk(sub, folderKey, prefix, delimiter, keys, prefixes, cancellationToken);
                }

                continue;
            }

            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (delimiter is not null && key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) is var index and >= 0)
            {
                prefixes.Add(key[..(index + delimiter.Length)]);
            }
            else
            {
                keys.Add((key, entry.FullName));
            }
        }
    }
}
