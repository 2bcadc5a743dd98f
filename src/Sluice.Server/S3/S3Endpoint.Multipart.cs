using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Sluice.Server.S3;

/// <content>Multipart uploads: create, upload part, list parts, complete, abort.</content>
internal sealed partial class S3Endpoint
{
    private async Task CreateMultipartUploadAsync(S3Call call)
    {
        var id = await store.CreateMultipartUploadAsync(call.Bucket, call.Key, S3Body.AttributesOf(call.Request, new Dictionary<string, string>()), call.Cancel);
        await WriteXmlAsync(call.Context, S3Xml.E("InitiateMultipartUploadResult", S3Xml.E("Bucket", call.Bucket), S3Xml.E("Key", call.Key), S3Xml.E("UploadId", id)));
    }

    private async Task UploadPartAsync(S3Call call)
    {
        var number = PartNumber(call.Target);
        var checksums = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var body = S3Body.Open(call.Context, call.Signing, authenticator.Enabled, options.MaxObjectBytes, checksums);
        var part = await store.UploadPartAsync(call.Bucket, call.Key, call.Target.Get("uploadId")!, number, body, call.Cancel);
        call.Response.Headers.ETag = Quote(part.ETag);
        WriteChecksums(call.Response, checksums);
    }

    private async Task ListPartsAsync(S3Call call)
    {
        var id = call.Target.Get("uploadId")!;
        var parts = await store.ListPartsAsync(call.Bucket, call.Key, id, call.Cancel);
        await WriteXmlAsync(call.Context, S3Xml.E(
            "ListPartsResult",
            S3Xml.E("Bucket", call.Bucket),
            S3Xml.E("Key", call.Key),
            S3Xml.E("UploadId", id),
            S3Xml.E("PartNumberMarker", 0),
            S3Xml.E("NextPartNumberMarker", parts.Count == 0 ? 0 : parts[^1].PartNumber),
            S3Xml.E("MaxParts", 10_000),
            S3Xml.E("IsTruncated", "false"),
            S3Xml.E("StorageClass", "STANDARD"),
            parts.Select(p => S3Xml.E("Part", S3Xml.E("PartNumber", p.PartNumber), S3Xml.E("LastModified", S3Xml.Time(p.LastModified)), S3Xml.E("ETag", Quote(p.ETag)), S3Xml.E("Size", p.Size)))));
    }

    private async Task CompleteMultipartUploadAsync(S3Call call)
    {
        var request = S3Xml.Parse(await S3Body.ReadSmallAsync(call.Context, call.Signing, authenticator.Enabled, options.MaxBodyBytes), options.MaxBodyBytes);
        if (request.Name.LocalName != "CompleteMultipartUpload")
        {
            throw S3Xml.Malformed();
        }

        var parts = S3Xml.Children(request, "Part").Select(p =>
            int.TryParse(S3Xml.Child(p, "PartNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && S3Xml.Child(p, "ETag") is { } etag
                ? (number, etag)
                : throw S3Xml.Malformed()).ToList();
        var done = await store.CompleteMultipartUploadAsync(call.Bucket, call.Key, call.Target.Get("uploadId")!, parts, call.Cancel);
        await WriteXmlAsync(call.Context, S3Xml.E(
            "CompleteMultipartUploadResult",
            S3Xml.E("Location", $"{call.Request.Scheme}://{call.Request.Host}/{call.Bucket}/{S3Query.Encode(call.Key, keepSlash: true)}"),
            S3Xml.E("Bucket", call.Bucket),
            S3Xml.E("Key", call.Key),
            S3Xml.E("ETag", Quote(done.ETag))));
    }

    private static int PartNumber(S3Target target) =>
        int.TryParse(target.Get("partNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 10_000
            ? number
            : throw new S3Exception("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive");

    private async Task AbortMultipartUploadAsync(S3Call call)
    {
        await store.AbortMultipartUploadAsync(call.Bucket, call.Key, call.Target.Get("uploadId")!, call.Cancel);
        call.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
