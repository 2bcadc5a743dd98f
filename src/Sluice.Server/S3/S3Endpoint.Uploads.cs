using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Sluice.Core.Artifacts;

namespace Sluice.Server.S3;

/// <content>ListMultipartUploads: the uploads in progress, with prefix, delimiter, key and upload id markers.</content>
internal sealed partial class S3Endpoint
{
    private const int MaxUploadsLimit = 1000;

    private async Task ListMultipartUploadsAsync(S3Call call)
    {
        var (prefix, delimiter, _, encode) = ListArguments(call.Target);
        var maxUploads = MaxUploadsLimit;
        if (call.Target.Get("max-uploads") is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out maxUploads) || maxUploads > int.MaxValue / 2))
        {
            throw new S3Exception("InvalidArgument", "Provided max-uploads not an integer or within integer range");
        }

        maxUploads = Math.Min(maxUploads, MaxUploadsLimit);
        var keyMarker = call.Target.Get("key-marker") ?? string.Empty;
        var uploadIdMarker = S3Xml.Checked(keyMarker.Length == 0 ? string.Empty : call.Target.Get("upload-id-marker") ?? string.Empty);
        var uploads = await store.ListMultipartUploadsAsync(call.Bucket, prefix, call.Cancel);

        var entries = new List<XElement>();
        var prefixes = new List<string>();
        string? lastKey = null, lastId = null;
        var truncated = false;
        var start = Start(uploads, keyMarker, uploadIdMarker, delimiter);
        for (var i = start; i < uploads.Count; i++)
        {
            var upload = uploads[i];
            var rolled = delimiter is null ? -1 : upload.Key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
            var common = rolled < 0 ? null : upload.Key[..(rolled + delimiter!.Length)];
            if (common is not null && prefixes.Count > 0 && prefixes[^1] == common)
            {
                continue;
            }

            if (entries.Count + prefixes.Count == maxUploads)
            {
                truncated = true;
                break;
            }

            if (common is not null)
            {
                prefixes.Add(common);
                (lastKey, lastId) = (common, null);
                continue;
            }

            entries.Add(S3Xml.E(
                "Upload",
                S3Xml.E("Key", encode(upload.Key)),
                S3Xml.E("UploadId", upload.UploadId),
                S3Xml.E("Initiator", S3Xml.E("ID", account), S3Xml.E("DisplayName", "sluice")),
                Owner(),
                S3Xml.E("StorageClass", "STANDARD"),
                S3Xml.E("Initiated", S3Xml.Time(upload.Initiated))));
            (lastKey, lastId) = (upload.Key, upload.UploadId);
        }

        await WriteXmlAsync(call.Context, S3Xml.E(
            "ListMultipartUploadsResult",
            S3Xml.E("Bucket", call.Bucket),
            S3Xml.E("KeyMarker", encode(keyMarker)),
            S3Xml.E("UploadIdMarker", uploadIdMarker),
            truncated && lastKey is not null ? S3Xml.E("NextKeyMarker", encode(lastKey)) : null,
            truncated && lastId is not null ? S3Xml.E("NextUploadIdMarker", lastId) : null,
            delimiter is null ? null : S3Xml.E("Delimiter", encode(delimiter)),
            S3Xml.E("Prefix", encode(prefix)),
            S3Xml.E("MaxUploads", maxUploads),
            S3Xml.E("IsTruncated", truncated ? "true" : "false"),
            call.Target.Get("encoding-type") is { } type ? S3Xml.E("EncodingType", type) : null,
            entries,
            prefixes.Select(p => S3Xml.E("CommonPrefixes", S3Xml.E("Prefix", encode(p))))));
    }

    /// <summary>
    /// Where a page starts after the markers: after the upload <paramref name="uploadIdMarker"/> of key
    /// <paramref name="keyMarker"/> when both are given (after all that key's uploads when there is no such upload),
    /// otherwise after every key up to and including <paramref name="keyMarker"/>, and after every key under it when
    /// it is a common prefix.
    /// </summary>
    private static int Start(IReadOnlyList<MultipartUploadInfo> uploads, string keyMarker, string uploadIdMarker, string? delimiter)
    {
        if (keyMarker.Length == 0)
        {
            return 0;
        }

        var marker = Encoding.UTF8.GetBytes(keyMarker);
        var rolledUp = delimiter is not null && keyMarker.EndsWith(delimiter, StringComparison.Ordinal);
        for (var i = 0; i < uploads.Count; i++)
        {
            var key = uploads[i].Key;
            var order = Encoding.UTF8.GetBytes(key).AsSpan().SequenceCompareTo(marker);
            if (order == 0 && uploadIdMarker.Length > 0)
            {
                var at = IndexOf(uploads, i, keyMarker, uploadIdMarker);
                if (at >= 0)
                {
                    return at + 1;
                }
            }

            if (order > 0 && !(rolledUp && key.StartsWith(keyMarker, StringComparison.Ordinal)))
            {
                return i;
            }
        }

        return uploads.Count;
    }

    private static int IndexOf(IReadOnlyList<MultipartUploadInfo> uploads, int from, string key, string uploadId)
    {
        for (var i = from; i < uploads.Count && uploads[i].Key == key; i++)
        {
            if (uploads[i].UploadId == uploadId)
            {
                return i;
            }
        }

        return -1;
    }
}
