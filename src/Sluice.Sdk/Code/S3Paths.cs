namespace Sluice.Sdk.Code;

/// <summary>S3 URIs put together as the Python SDK's <c>s3_path_join</c> does: empty parts left out, slashes between.</summary>
internal static class S3Paths
{
    /// <summary>Joins <c>s3://</c> and the parts.</summary>
    public static string Join(params string?[] parts) =>
        "s3://" + string.Join('/', parts.Where(p => !string.IsNullOrEmpty(p)).Select(p => p!.Trim('/')).Where(p => p.Length > 0));

    /// <summary>Splits <c>s3://bucket/key</c> into the bucket and the key (empty when there is none).</summary>
    /// <exception cref="ArgumentException">When the text is not an S3 URI.</exception>
    public static (string Bucket, string Key) Parse(string s3Uri)
    {
        if (!IsS3(s3Uri))
        {
            throw new ArgumentException($"'{s3Uri}' is not an s3:// URI", nameof(s3Uri));
        }

        var rest = s3Uri["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (rest, string.Empty) : (rest[..slash], rest[(slash + 1)..]);
    }

    /// <summary>Whether the text is an <c>s3://</c> URI.</summary>
    public static bool IsS3(string text) => text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The last segment of a path or URI.</summary>
    public static string FileName(string pathOrUri)
    {
        var trimmed = pathOrUri.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? pathOrUri["file://".Length..] : pathOrUri;
        var slash = trimmed.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }
}
