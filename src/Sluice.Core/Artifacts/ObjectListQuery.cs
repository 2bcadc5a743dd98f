namespace Sluice.Core.Artifacts;

/// <summary>Which keys of a bucket to list, as ListObjects and ListObjectsV2 ask.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Prefix">Only keys that start with this (plain text, not a folder: <c>data</c> matches <c>data2/x</c>).</param>
/// <param name="Delimiter">When given, keys that have it after the prefix are rolled up into one common prefix
/// (the key up to and including the first delimiter after the prefix).</param>
/// <param name="After">Only keys (and common prefixes) that sort after this: the marker, start-after or continuation point.</param>
/// <param name="MaxKeys">At most this many keys and common prefixes together.</param>
public sealed record ObjectListQuery(string Bucket, string Prefix, string? Delimiter, string? After, int MaxKeys);
