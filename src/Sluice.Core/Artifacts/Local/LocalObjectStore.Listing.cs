using System.IO.Enumeration;

namespace Sluice.Core.Artifacts.Local;

/// <content>Listing a bucket as S3 does: by prefix, rolled up by a delimiter, after a marker, a page at a time.</content>
public sealed partial class LocalObjectStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Reads the folders straight from the file system: entries at or before the marker are skipped by name, without a
    /// string or a file status of their own, and folders whose keys all sort before it are not entered; only the keys
    /// of the page are looked up (size, time, ETag from <see cref="DescribeAsync"/>, cached in memory).
    /// </remarks>
    public async Task<ObjectListing> ListObjectsAsync(ObjectListQuery query, CancellationToken cancellationToken)
    {
        var bucketPath = ExistingBucket(query.Bucket);
        var prefix = query.Prefix;
        var delimiter = string.IsNullOrEmpty(query.Delimiter) ? null : query.Delimiter;

        // Walk only the folder the prefix names entirely ("a/b/c" starts in "a/b/"), when it is one.
        var folderPart = prefix[..(prefix.LastIndexOf('/') + 1)];
        var start = folderPart.Length == 0 ? bucketPath : FolderOf(bucketPath, folderPart);
        var walk = new ListingWalk(prefix, delimiter, query.After, cancellationToken);
        if (start is not null && Directory.Exists(start))
        {
            walk.Walk(start, folderPart);
        }

        var items = walk.Keys.Select(k => (Item: k.Key, Path: (string?)k.Folder))
            .Concat(walk.Prefixes.Where(walk.IsAfterMarker).Select(p => (Item: p, Path: (string?)null)))
            .ToList();
        items.Sort((a, b) => Utf8Order.Compare(a.Item, b.Item));
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

            var file = Path.Join(path, item.AsSpan(item.LastIndexOf('/') + 1));
            var info = new FileInfo(file);
            if (info.Exists)
            {
                objects.Add(await DescribeAsync(query.Bucket, item, file, info.Length, info.LastWriteTimeUtc, cancellationToken));
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

    /// <summary>One listing's walk: collects the keys after the marker (with their files) and the common prefixes below a folder.</summary>
    private sealed class ListingWalk(string prefix, string? delimiter, string? after, CancellationToken cancellationToken)
    {
        private static readonly EnumerationOptions Options = new()
        {
            RecurseSubdirectories = false,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint, // a link is never followed out of the store
            ReturnSpecialDirectories = false,
        };

        /// <summary>The keys after the marker and the folders of their files (the file is named by the key's last segment).</summary>
        public List<(string Key, string Folder)> Keys { get; } = [];

        /// <summary>The common prefixes (not yet compared with the marker).</summary>
        public HashSet<string> Prefixes { get; } = new(StringComparer.Ordinal);

        /// <summary>Whether an item sorts after the marker (every item does when there is none).</summary>
        public bool IsAfterMarker(string item) => after is null || Utf8Order.Compare(item, after) > 0;

        /// <summary>Collects what lies below a folder whose key prefix is <paramref name="keyPrefix"/>.</summary>
        public void Walk(string folder, string keyPrefix)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entries = new FileSystemEnumerable<(string Key, bool IsFolder)>(
                folder,
                (ref FileSystemEntry entry) => (string.Concat(keyPrefix, entry.FileName), entry.IsDirectory),
                Options)
            {
                // A file at or before the marker, and a folder whose every key sorts before it, cannot be on the page
                // (nor can a common prefix of their keys, which sorts no later than the key): skip them by name.
                ShouldIncludePredicate = (ref FileSystemEntry entry) => entry.IsDirectory
                    ? !FolderBeforeMarker(keyPrefix, entry.FileName)
                    : HasPrefix(keyPrefix, entry.FileName) && (after is null || Utf8Order.Compare(keyPrefix, entry.FileName, after) > 0),
            };
            foreach (var (key, isFolder) in entries)
            {
                if (isFolder)
                {
                    VisitFolder(Path.Join(folder, key.AsSpan(keyPrefix.Length)), key + "/");
                }
                else if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    if (delimiter is not null && key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) is var index and >= 0)
                    {
                        Prefixes.Add(key[..(index + delimiter.Length)]);
                    }
                    else
                    {
                        Keys.Add((key, folder));
                    }
                }
            }
        }

        private void VisitFolder(string path, string folderKey)
        {
            if (folderKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                if (delimiter == "/" && folderKey.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) is var at and >= 0
                    && at + delimiter.Length <= folderKey.Length)
                {
                    // every key below rolls up into this folder's prefix: no need to walk it, only to know it holds one
                    if (IsAfterMarker(folderKey) && Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Any())
                    {
                        Prefixes.Add(folderKey);
                    }

                    return;
                }

                Walk(path, folderKey);
            }
            else if (prefix.StartsWith(folderKey, StringComparison.Ordinal))
            {
                Walk(path, folderKey);
            }
        }

        /// <summary>Whether the key <paramref name="keyPrefix"/><paramref name="name"/> starts with the listing's prefix
        /// (the walk enters only folders whose keys start it or extend it).</summary>
        private bool HasPrefix(string keyPrefix, ReadOnlySpan<char> name) => prefix.Length <= keyPrefix.Length
            ? keyPrefix.StartsWith(prefix, StringComparison.Ordinal)
            : name.StartsWith(prefix.AsSpan(keyPrefix.Length), StringComparison.Ordinal);

        /// <summary>Whether every key below the folder <paramref name="keyPrefix"/><paramref name="name"/>/ sorts before
        /// the marker: the folder's key sorts before it and does not start it.</summary>
        private bool FolderBeforeMarker(string keyPrefix, ReadOnlySpan<char> name)
        {
            if (after is null)
            {
                return false;
            }

            var folderKey = string.Concat(keyPrefix, name, "/");
            return Utf8Order.Compare(folderKey, after) < 0 && !after.StartsWith(folderKey, StringComparison.Ordinal);
        }
    }
}
