using System.Globalization;

namespace Sluice.Server.S3;

/// <content>UploadPartCopy: a part of a multipart upload copied from (a byte range of) an existing object.</content>
internal sealed partial class S3Endpoint
{
    /// <summary>The largest part a copy may make, as S3: 5 GiB.</summary>
    private const long MaxCopyPartBytes = 5L * 1024 * 1024 * 1024;

    private async Task UploadPartCopyAsync(S3Call call)
    {
        var number = PartNumber(call.Target);
        var source = CopySource.Of(call.Request);
        var opened = await store.OpenObjectAsync(source.Bucket, source.Key, call.Cancel)
            ?? throw new S3Exception("NoSuchKey", "The specified key does not exist: the copy source.", Microsoft.AspNetCore.Http.StatusCodes.Status404NotFound);
        await using var content = opened.Content;
        CopySource.CheckConditions(call.Request, opened.Details);
        var range = CopySource.RangeOf(call.Request, opened.Details.Size) ?? new ByteRange(0, opened.Details.Size);
        var limit = Math.Min(MaxCopyPartBytes, options.MaxObjectBytes);
        if (range.Length > limit)
        {
            throw new S3Exception("InvalidRequest", string.Create(CultureInfo.InvariantCulture, $"The specified copy source is larger than the maximum allowable size for a copy source: {limit}"));
        }

        await using var slice = new SliceStream(content, range.Start, range.Length);
        var part = await store.UploadPartAsync(call.Bucket, call.Key, call.Target.Get("uploadId")!, number, slice, call.Cancel);
        await WriteXmlAsync(call.Context, S3Xml.E("CopyPartResult", S3Xml.E("LastModified", S3Xml.Time(part.LastModified)), S3Xml.E("ETag", Quote(part.ETag))));
    }
}
