using Sluice.Core.Artifacts;

namespace Sluice.Core.Tests.Artifacts;

/// <content>Listing the multipart uploads in progress.</content>
public abstract partial class ObjectStoreContractTests
{
    [Fact]
    public async Task ListMultipartUploadsAsync_UploadsInProgress_ListsThemByKeyOnlyInTheirBucketUntilDone()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        await _store.CreateBucketAsync("other", Cancel);
        var second = await _store.CreateMultipartUploadAsync("bkt", "data/b.bin", ObjectAttributes.None, Cancel);
        var first = await _store.CreateMultipartUploadAsync("bkt", "data/a.bin", ObjectAttributes.None, Cancel);
        var outside = await _store.CreateMultipartUploadAsync("bkt", "logs/x", ObjectAttributes.None, Cancel);
        await _store.CreateMultipartUploadAsync("other", "data/a.bin", ObjectAttributes.None, Cancel);
        var part = await _store.UploadPartAsync("bkt", "data/a.bin", first, 1, new MemoryStream([1, 2, 3]), Cancel);

        var all = await _store.ListMultipartUploadsAsync("bkt", string.Empty, Cancel);
        var data = await _store.ListMultipartUploadsAsync("bkt", "data/", Cancel);
        await _store.CompleteMultipartUploadAsync("bkt", "data/a.bin", first, [(1, part.ETag)], Cancel);
        await _store.AbortMultipartUploadAsync("bkt", "logs/x", outside, Cancel);
        var left = await _store.ListMultipartUploadsAsync("bkt", string.Empty, Cancel);

        all.Select(u => (u.Key, u.UploadId)).ShouldBe([("data/a.bin", first), ("data/b.bin", second), ("logs/x", outside)]);
        all.ShouldAllBe(u => u.Initiated > DateTimeOffset.UtcNow.AddMinutes(-5));
        data.Select(u => u.Key).ShouldBe(["data/a.bin", "data/b.bin"]);
        left.Select(u => u.UploadId).ShouldBe([second]);
    }

    [Fact]
    public async Task ListMultipartUploadsAsync_NoSuchBucket_Throws() =>
        (await Should.ThrowAsync<ObjectStoreException>(() => _store.ListMultipartUploadsAsync("missing-bucket", string.Empty, Cancel))).Error.ShouldBe(ObjectStoreError.NoSuchBucket);
}
