using Microsoft.AspNetCore.Http;

namespace Sluice.Server.S3;

/// <content>Which operation a request is: by method, by whether it names a bucket and a key, and by its subresource.</content>
internal sealed partial class S3Endpoint
{
    /// <summary>Subresources S3 has and this server does not serve.</summary>
    private static readonly string[] Unsupported =
    [
        "acl", "policy", "tagging", "cors", "lifecycle", "website", "logging", "notification", "replication", "encryption",
        "object-lock", "retention", "legal-hold", "torrent", "restore", "select", "attributes", "versions", "publicAccessBlock",
        "ownershipControls", "accelerate", "requestPayment", "analytics", "inventory", "metrics", "intelligent-tiering", "policyStatus",
    ];

    private (string Name, Func<S3Call, Task> Handler) Route(HttpRequest request, S3Target target)
    {
        var method = request.Method;
        if (Unsupported.FirstOrDefault(target.Has) is { } subresource)
        {
            throw S3Exception.NotImplemented($"the '{subresource}' subresource");
        }

        if (target.Bucket is null)
        {
            return HttpMethods.IsGet(method) ? ("ListBuckets", ListBucketsAsync) : throw NotAllowed(method, "the service");
        }

        if (target.Key is null)
        {
            return method switch
            {
                _ when HttpMethods.IsPut(method) && target.Has("versioning") => throw S3Exception.NotImplemented("PutBucketVersioning"),
                _ when HttpMethods.IsPut(method) => ("CreateBucket", CreateBucketAsync),
                _ when HttpMethods.IsHead(method) => ("HeadBucket", HeadBucketAsync),
                _ when HttpMethods.IsDelete(method) => ("DeleteBucket", DeleteBucketAsync),
                _ when HttpMethods.IsPost(method) && target.Has("delete") => ("DeleteObjects", DeleteObjectsAsync),
                _ when HttpMethods.IsGet(method) && target.Has("location") => ("GetBucketLocation", GetBucketLocationAsync),
                _ when HttpMethods.IsGet(method) && target.Has("versioning") => ("GetBucketVersioning", GetBucketVersioningAsync),
                _ when HttpMethods.IsGet(method) && target.Has("uploads") => ("ListMultipartUploads", ListMultipartUploadsAsync),
                _ when HttpMethods.IsGet(method) && target.Get("list-type") == "2" => ("ListObjectsV2", ListObjectsV2Async),
                _ when HttpMethods.IsGet(method) => ("ListObjects", ListObjectsAsync),
                _ => throw NotAllowed(method, "a bucket"),
            };
        }

        var copy = request.Headers.ContainsKey("x-amz-copy-source");
        return method switch
        {
            _ when HttpMethods.IsPut(method) && target.Has("uploadId") => copy ? ("UploadPartCopy", UploadPartCopyAsync) : ("UploadPart", UploadPartAsync),
            _ when HttpMethods.IsPut(method) && copy => ("CopyObject", CopyObjectAsync),
            _ when HttpMethods.IsPut(method) => ("PutObject", PutObjectAsync),
            _ when HttpMethods.IsGet(method) && target.Has("uploadId") => ("ListParts", ListPartsAsync),
            _ when HttpMethods.IsGet(method) => ("GetObject", GetObjectAsync),
            _ when HttpMethods.IsHead(method) => ("HeadObject", GetObjectAsync),
            _ when HttpMethods.IsDelete(method) && target.Has("uploadId") => ("AbortMultipartUpload", AbortMultipartUploadAsync),
            _ when HttpMethods.IsDelete(method) => ("DeleteObject", DeleteObjectAsync),
            _ when HttpMethods.IsPost(method) && target.Has("uploads") => ("CreateMultipartUpload", CreateMultipartUploadAsync),
            _ when HttpMethods.IsPost(method) && target.Has("uploadId") => ("CompleteMultipartUpload", CompleteMultipartUploadAsync),
            _ => throw NotAllowed(method, "an object"),
        };
    }

    private static S3Exception NotAllowed(string method, string what) =>
        new("MethodNotAllowed", $"The specified method is not allowed against this resource: {method} on {what}.", StatusCodes.Status405MethodNotAllowed);
}
