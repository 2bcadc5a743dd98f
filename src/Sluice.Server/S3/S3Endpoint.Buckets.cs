using Microsoft.AspNetCore.Http;

namespace Sluice.Server.S3;

/// <content>Bucket operations.</content>
internal sealed partial class S3Endpoint
{
    private async Task ListBucketsAsync(S3Call call)
    {
        var buckets = await store.ListBucketsAsync(call.Cancel);
        await WriteXmlAsync(call.Context, S3Xml.E(
            "ListAllMyBucketsResult",
            Owner(),
            S3Xml.E("Buckets", buckets.Select(b => S3Xml.E("Bucket", S3Xml.E("Name", b.Name), S3Xml.E("CreationDate", S3Xml.Time(b.CreationDate)))))));
    }

    private async Task CreateBucketAsync(S3Call call)
    {
        _ = await S3Body.ReadSmallAsync(call.Context, call.Signing, authenticator.Enabled, options.MaxBodyBytes); // CreateBucketConfiguration: any region is this one
        if (!await store.CreateBucketAsync(call.Bucket, call.Cancel))
        {
            throw new S3Exception("BucketAlreadyOwnedByYou", $"Your previous request to create the named bucket succeeded and you already own it: {call.Bucket}", StatusCodes.Status409Conflict);
        }

        call.Response.Headers.Location = "/" + call.Bucket;
    }

    private async Task HeadBucketAsync(S3Call call)
    {
        _ = await store.HeadBucketAsync(call.Bucket, call.Cancel) ?? throw NoSuchBucket(call.Bucket);
        call.Response.Headers["x-amz-bucket-region"] = region;
    }

    private async Task DeleteBucketAsync(S3Call call)
    {
        await store.DeleteBucketAsync(call.Bucket, call.Cancel);
        call.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task GetBucketLocationAsync(S3Call call)
    {
        _ = await store.HeadBucketAsync(call.Bucket, call.Cancel) ?? throw NoSuchBucket(call.Bucket);
        await WriteXmlAsync(call.Context, S3Xml.E("LocationConstraint", region == "us-east-1" ? null : region));
    }

    private async Task GetBucketVersioningAsync(S3Call call)
    {
        _ = await store.HeadBucketAsync(call.Bucket, call.Cancel) ?? throw NoSuchBucket(call.Bucket);
        await WriteXmlAsync(call.Context, S3Xml.E("VersioningConfiguration"));
    }

    private System.Xml.Linq.XElement Owner() => S3Xml.E("Owner", S3Xml.E("ID", account), S3Xml.E("DisplayName", "sluice"));

    private static S3Exception NoSuchBucket(string bucket) =>
        new("NoSuchBucket", $"The specified bucket does not exist: {bucket}", StatusCodes.Status404NotFound);
}
