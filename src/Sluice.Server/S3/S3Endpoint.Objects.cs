using System.Globalization;
using Microsoft.AspNetCore.Http;
using Sluice.Core.Artifacts;

namespace Sluice.Server.S3;

/// <content>Object operations: put, get and head (ranged, conditional), delete, copy.</content>
internal sealed partial class S3Endpoint
{
    private async Task PutObjectAsync(S3Call call)
    {
        var checksums = new Dictionary<string, string>(StringComparer.Ordinal);
        var attributes = S3Body.AttributesOf(call.Request, checksums);
        await using var body = S3Body.Open(call.Context, call.Signing, authenticator.Enabled, options.MaxObjectBytes, checksums);
        var put = await store.PutObjectAsync(call.Bucket, call.Key, body, attributes, call.Cancel);
        call.Response.Headers.ETag = Quote(put.ETag);
        WriteChecksums(call.Response, checksums);
    }

    private async Task GetObjectAsync(S3Call call)
    {
        var opened = await store.OpenObjectAsync(call.Bucket, call.Key, call.Cancel) ?? throw NoSuchKey();
        await using var content = opened.Content;
        var details = opened.Details;
        if (Conditional(call.Request, details) is { } status)
        {
            call.Response.StatusCode = status;
            call.Response.Headers.ETag = Quote(details.ETag);
            if (status == StatusCodes.Status412PreconditionFailed)
            {
                throw new S3Exception("PreconditionFailed", "At least one of the pre-conditions you specified did not hold.", status);
            }

            return;
        }

        ByteRange? range;
        try
        {
            range = ByteRange.Parse(call.Request.Headers.Range.ToString(), details.Size);
        }
        catch (S3Exception)
        {
            call.Response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{details.Size}");
            throw;
        }

        WriteObjectHeaders(call, details, full: range is null);
        var start = range?.Start ?? 0;
        var length = range?.Length ?? details.Size;
        if (range is { } r)
        {
            call.Response.StatusCode = StatusCodes.Status206PartialContent;
            call.Response.Headers.ContentRange = r.ContentRange(details.Size);
        }

        call.Response.ContentLength = length;
        if (HttpMethods.IsHead(call.Request.Method))
        {
            return;
        }

        await ObjectBody.SendAsync(content, start, length, call.Response.BodyWriter, call.Cancel);
    }

    private async Task DeleteObjectAsync(S3Call call)
    {
        await store.DeleteObjectAsync(call.Bucket, call.Key, call.Cancel);
        call.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task CopyObjectAsync(S3Call call)
    {
        var (sourceBucket, sourceKey) = CopySource.Of(call.Request);
        if (CopySource.HasConditions(call.Request))
        {
            var details = await store.GetObjectDetailsAsync(sourceBucket, sourceKey, call.Cancel) ?? throw NoSuchKey();
            CopySource.CheckConditions(call.Request, details);
        }

        var replace = string.Equals(call.Request.Headers["x-amz-metadata-directive"].ToString(), "REPLACE", StringComparison.OrdinalIgnoreCase);
        if (!replace && sourceBucket == call.Bucket && sourceKey == call.Key)
        {
            throw new S3Exception("InvalidRequest", "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }

        var copy = await store.CopyObjectAsync(sourceBucket, sourceKey, call.Bucket, call.Key, replace ? S3Body.AttributesOf(call.Request, new Dictionary<string, string>()) : null, call.Cancel);
        await WriteXmlAsync(call.Context, S3Xml.E("CopyObjectResult", S3Xml.E("LastModified", S3Xml.Time(copy.LastModified)), S3Xml.E("ETag", Quote(copy.ETag))));
    }

    /// <summary>The status a conditional request gets instead of the object (304 or 412), or <see langword="null"/>.</summary>
    private static int? Conditional(HttpRequest request, ObjectDetails details)
    {
        var headers = request.Headers;
        var etag = Quote(details.ETag);
        static bool Matches(string header, string etag) => header.Split(',').Any(v => v.Trim() is "*" || v.Trim() == etag || v.Trim() == etag.Trim('"'));
        var modified = details.LastModified.ToUnixTimeSeconds();
        if (headers.IfMatch.ToString() is { Length: > 0 } ifMatch && !Matches(ifMatch, etag))
        {
            return StatusCodes.Status412PreconditionFailed;
        }

        if (headers.IfMatch.Count == 0 && Date(headers.IfUnmodifiedSince.ToString()) is { } unmodifiedSince && modified > unmodifiedSince)
        {
            return StatusCodes.Status412PreconditionFailed;
        }

        if (headers.IfNoneMatch.ToString() is { Length: > 0 } ifNoneMatch)
        {
            return Matches(ifNoneMatch, etag) ? StatusCodes.Status304NotModified : null;
        }

        return Date(headers.IfModifiedSince.ToString()) is { } modifiedSince && modified <= modifiedSince ? StatusCodes.Status304NotModified : null;
    }

    private static long? Date(string header) =>
        DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.ToUnixTimeSeconds() : null;

    private static void WriteObjectHeaders(S3Call call, ObjectDetails details, bool full)
    {
        var headers = call.Response.Headers;
        var attributes = details.Attributes;
        headers.ETag = Quote(details.ETag);
        headers.LastModified = S3Xml.HttpTime(details.LastModified);
        headers.AcceptRanges = "bytes";
        call.Response.ContentType = call.Target.Get("response-content-type") ?? attributes.ContentType ?? "binary/octet-stream";
        Set(headers, "Content-Encoding", call.Target.Get("response-content-encoding") ?? attributes.ContentEncoding);
        Set(headers, "Content-Disposition", call.Target.Get("response-content-disposition") ?? attributes.ContentDisposition);
        Set(headers, "Cache-Control", call.Target.Get("response-cache-control") ?? attributes.CacheControl);
        foreach (var (name, value) in attributes.Metadata)
        {
            headers["x-amz-meta-" + name] = value;
        }

        if (full && string.Equals(call.Request.Headers["x-amz-checksum-mode"].ToString(), "ENABLED", StringComparison.OrdinalIgnoreCase))
        {
            WriteChecksums(call.Response, attributes.Checksums);
        }
    }

    private static void WriteChecksums(HttpResponse response, IReadOnlyDictionary<string, string> checksums)
    {
        foreach (var (algorithm, value) in checksums)
        {
            response.Headers["x-amz-checksum-" + algorithm.ToLowerInvariant()] = value;
        }
    }

    private static void Set(IHeaderDictionary headers, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            headers[name] = value;
        }
    }

    private static string Quote(string etag) => "\"" + etag + "\"";

    private static S3Exception NoSuchKey() => new("NoSuchKey", "The specified key does not exist.", StatusCodes.Status404NotFound);
}
