#pragma warning disable CA5351 // S3's ETags are MD5s by definition
using System.Security.Cryptography;
using System.Text;
using Sluice.Core.Artifacts;

namespace Sluice.Core.Tests.Artifacts;

/// <content>The S3 verbs: buckets, objects by bucket and key, listings and multipart uploads.</content>
public abstract partial class ObjectStoreContractTests
{
    [Fact]
    public async Task CreateBucketAsync_NewThenAgain_CreatesOnceAndListsIt()
    {
        (await _store.CreateBucketAsync("my-bucket", Cancel)).ShouldBeTrue();
        (await _store.CreateBucketAsync("my-bucket", Cancel)).ShouldBeFalse();
        await _store.CreateBucketAsync("another.bucket", Cancel);

        (await _store.ListBucketsAsync(Cancel)).Select(b => b.Name).ShouldBe(["another.bucket", "my-bucket"]);
        (await _store.HeadBucketAsync("my-bucket", Cancel)).ShouldNotBeNull();
        (await _store.HeadBucketAsync("missing", Cancel)).ShouldBeNull();
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData(".hidden")]
    [InlineData("a..b")]
    [InlineData("under_score")]
    [InlineData("../escape")]
    public async Task CreateBucketAsync_NameBreakingTheRules_ThrowsInvalidBucketName(string name) =>
        (await Should.ThrowAsync<ObjectStoreException>(() => _store.CreateBucketAsync(name, Cancel))).Error.ShouldBe(ObjectStoreError.InvalidBucketName);

    [Fact]
    public async Task ListBucketsAsync_AfterObjectsWereWritten_ShowsNoInternalFolder()
    {
        await _store.CreateBucketAsync("bkt1", Cancel);
        await PutObjectAsync("bkt1", "k", "x");
        await _store.CreateMultipartUploadAsync("bkt1", "big", ObjectAttributes.None, Cancel);

        (await _store.ListBucketsAsync(Cancel)).Select(b => b.Name).ShouldBe(["bkt1"]);
    }

    [Fact]
    public async Task DeleteBucketAsync_NotEmptyThenEmpty_RefusesThenDeletes()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        await PutObjectAsync("bkt", "dir/k", "x");

        (await Should.ThrowAsync<ObjectStoreException>(() => _store.DeleteBucketAsync("bkt", Cancel))).Error.ShouldBe(ObjectStoreError.BucketNotEmpty);
        (await _store.DeleteObjectAsync("bkt", "dir/k", Cancel)).ShouldBeTrue();
        await _store.DeleteBucketAsync("bkt", Cancel);

        (await _store.HeadBucketAsync("bkt", Cancel)).ShouldBeNull();
        (await Should.ThrowAsync<ObjectStoreException>(() => _store.DeleteBucketAsync("bkt", Cancel))).Error.ShouldBe(ObjectStoreError.NoSuchBucket);
    }

    [Fact]
    public async Task PutObjectAsync_ThenOpenObjectAsync_GivesBytesEtagAndAttributes()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        var attributes = new ObjectAttributes
        {
            ContentType = "text/csv",
            Metadata = new Dictionary<string, string> { ["owner"] = "team-a" },
            Checksums = new Dictionary<string, string> { ["CRC32"] = "AAAAAA==" },
        };

        var put = await _store.PutObjectAsync("bkt", "data/train.csv", new MemoryStream(Encoding.UTF8.GetBytes("a,b\n1,2\n")), attributes, Cancel);
        var opened = await _store.OpenObjectAsync("bkt", "data/train.csv", Cancel);

        opened.ShouldNotBeNull();
        await using (opened.Content)
        {
            (await new StreamReader(opened.Content).ReadToEndAsync(Cancel)).ShouldBe("a,b\n1,2\n");
        }

        put.ETag.ShouldBe(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("a,b\n1,2\n"))));
        opened.Details.ETag.ShouldBe(put.ETag);
        opened.Details.Size.ShouldBe(8);
        opened.Details.Attributes.ContentType.ShouldBe("text/csv");
        opened.Details.Attributes.Metadata["owner"].ShouldBe("team-a");
        opened.Details.Attributes.Checksums["CRC32"].ShouldBe("AAAAAA==");
        (await _store.ReadTextAsync("s3://bkt/data/train.csv", Cancel)).ShouldBe("a,b\n1,2\n", "the S3 verbs and the URI verbs see the same objects");
    }

    [Fact]
    public async Task PutObjectAsync_StreamFailsMidway_LeavesTheOldObject()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        await PutObjectAsync("bkt", "k", "old");

        await Should.ThrowAsync<IOException>(() => _store.PutObjectAsync("bkt", "k", new FailingStream(), ObjectAttributes.None, Cancel));

        (await _store.ReadTextAsync("s3://bkt/k", Cancel)).ShouldBe("old");
        (await _store.ListObjectsAsync(new ObjectListQuery("bkt", string.Empty, null, null, 1000), Cancel)).Objects.Select(o => o.Key).ShouldBe(["k"]);
    }

    [Fact]
    public async Task PutObjectAsync_NoSuchBucket_ThrowsNoSuchBucket() =>
        (await Should.ThrowAsync<ObjectStoreException>(() => _store.PutObjectAsync("nope", "k", new MemoryStream(), ObjectAttributes.None, Cancel))).Error.ShouldBe(ObjectStoreError.NoSuchBucket);

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/../../escape")]
    [InlineData("/absolute")]
    [InlineData("a//b")]
    [InlineData("dir/")]
    [InlineData("./x")]
    [InlineData("back\\slash")]
    [InlineData("nul\0byte")]
    public async Task PutObjectAsync_KeyThatCannotBeAFile_ThrowsInvalidKeyAndWritesNothing(string key)
    {
        await _store.CreateBucketAsync("bkt", Cancel);

        (await Should.ThrowAsync<ObjectStoreException>(() => _store.PutObjectAsync("bkt", key, new MemoryStream([1]), ObjectAttributes.None, Cancel))).Error.ShouldBe(ObjectStoreError.InvalidKey);

        (await _store.ListObjectsAsync(new ObjectListQuery("bkt", string.Empty, null, null, 1000), Cancel)).Objects.ShouldBeEmpty();
        (await _store.ListBucketsAsync(Cancel)).Select(b => b.Name).ShouldBe(["bkt"]);
    }

    [Fact]
    public async Task PutObjectAsync_KeyTooLong_ThrowsInvalidKey()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        (await Should.ThrowAsync<ObjectStoreException>(() => _store.PutObjectAsync("bkt", new string('k', 1025), new MemoryStream(), ObjectAttributes.None, Cancel))).Error.ShouldBe(ObjectStoreError.InvalidKey);
    }

    [Fact]
    public async Task PutObjectAsync_KeyUnderAnObjectsName_ThrowsInvalidKey()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        await PutObjectAsync("bkt", "a", "file");

        (await Should.ThrowAsync<ObjectStoreException>(() => _store.PutObjectAsync("bkt", "a/b", new MemoryStream([1]), ObjectAttributes.None, Cancel))).Error.ShouldBe(ObjectStoreError.InvalidKey);
        (await _store.ReadTextAsync("s3://bkt/a", Cancel)).ShouldBe("file");
    }

    [Fact]
    public async Task GetObjectDetailsAsync_ObjectWrittenByUri_ComputesTheMd5Etag()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        await PutAsync("s3://bkt/out/model.tar.gz", "model");

        var details = await _store.GetObjectDetailsAsync("bkt", "out/model.tar.gz", Cancel);

        details.ShouldNotBeNull();
        details.ETag.ShouldBe(Convert.ToHexStringLower(MD5.HashData("model"u8)));
        details.Attributes.ContentType.ShouldBeNull();
        (await _store.GetObjectDetailsAsync("bkt", "out", Cancel)).ShouldBeNull("a prefix is not an object");
        (await _store.OpenObjectAsync("bkt", "out", Cancel)).ShouldBeNull();
    }

    [Fact]
    public async Task GetObjectDetailsAsync_ObjectRewrittenByUri_ForgetsTheOldEtagAndAttributes()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        await _store.PutObjectAsync("bkt", "k", new MemoryStream("one"u8.ToArray()), new ObjectAttributes { ContentType = "text/plain" }, Cancel);

        await PutAsync("s3://bkt/k", "other text");

        var details = await _store.GetObjectDetailsAsync("bkt", "k", Cancel);
        details!.ETag.ShouldBe(Convert.ToHexStringLower(MD5.HashData("other text"u8)));
        details.Attributes.ContentType.ShouldBeNull();
    }

    [Fact]
    public async Task DeleteObjectAsync_MissingObject_ReturnsFalseAndEmptyFoldersGo()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        await PutObjectAsync("bkt", "a/b/c", "x");

        (await _store.DeleteObjectAsync("bkt", "a/b/c", Cancel)).ShouldBeTrue();
        (await _store.DeleteObjectAsync("bkt", "a/b/c", Cancel)).ShouldBeFalse();
        (await _store.DeleteObjectAsync("bkt", "../x", Cancel)).ShouldBeFalse();

        (await _store.ListObjectsAsync(new ObjectListQuery("bkt", string.Empty, "/", null, 1000), Cancel)).CommonPrefixes.ShouldBeEmpty();
        await _store.DeleteBucketAsync("bkt", Cancel);
    }

    [Fact]
    public async Task CopyObjectAsync_KeepOrReplaceAttributes_CopiesBytes()
    {
        await _store.CreateBucketAsync("src", Cancel);
        await _store.CreateBucketAsync("dst", Cancel);
        await _store.PutObjectAsync("src", "k", new MemoryStream("abc"u8.ToArray()), new ObjectAttributes { ContentType = "text/plain" }, Cancel);

        var kept = await _store.CopyObjectAsync("src", "k", "dst", "copy", null, Cancel);
        var replaced = await _store.CopyObjectAsync("src", "k", "dst", "other", new ObjectAttributes { ContentType = "application/json" }, Cancel);

        kept.Attributes.ContentType.ShouldBe("text/plain");
        replaced.Attributes.ContentType.ShouldBe("application/json");
        kept.ETag.ShouldBe(Convert.ToHexStringLower(MD5.HashData("abc"u8)));
        (await _store.ReadTextAsync("s3://dst/other", Cancel)).ShouldBe("abc");
        (await Should.ThrowAsync<ObjectStoreException>(() => _store.CopyObjectAsync("src", "missing", "dst", "x", null, Cancel))).Error.ShouldBe(ObjectStoreError.NoSuchKey);
    }

    [Fact]
    public async Task ListObjectsAsync_PrefixAndDelimiter_RollsUpCommonPrefixesInKeyOrder()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        foreach (var key in new[] { "a.txt", "data/1.csv", "data/2.csv", "data/sub/3.csv", "data2/x", "z" })
        {
            await PutObjectAsync("bkt", key, key);
        }

        var top = await _store.ListObjectsAsync(new ObjectListQuery("bkt", string.Empty, "/", null, 1000), Cancel);
        var data = await _store.ListObjectsAsync(new ObjectListQuery("bkt", "data/", "/", null, 1000), Cancel);
        var plain = await _store.ListObjectsAsync(new ObjectListQuery("bkt", "data", null, null, 1000), Cancel);

        top.Objects.Select(o => o.Key).ShouldBe(["a.txt", "z"]);
        top.CommonPrefixes.ShouldBe(["data/", "data2/"]);
        data.Objects.Select(o => o.Key).ShouldBe(["data/1.csv", "data/2.csv"]);
        data.CommonPrefixes.ShouldBe(["data/sub/"]);
        plain.Objects.Select(o => o.Key).ShouldBe(["data/1.csv", "data/2.csv", "data/sub/3.csv", "data2/x"]);
        plain.Objects[0].Size.ShouldBe(10);
    }

    [Fact]
    public async Task ListObjectsAsync_MaxKeysAndAfter_PagesThroughEveryKeyOnce()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        var keys = Enumerable.Range(0, 7).Select(i => $"p/{i}").ToList();
        foreach (var key in keys)
        {
            await PutObjectAsync("bkt", key, "x");
        }

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = await _store.ListObjectsAsync(new ObjectListQuery("bkt", "p/", null, after, 3), Cancel);
            seen.AddRange(page.Objects.Select(o => o.Key));
            pages++;
            if (!page.IsTruncated)
            {
                break;
            }

            after = page.Last;
        }

        seen.ShouldBe(keys);
        pages.ShouldBe(3);
    }

    [Fact]
    public async Task ListObjectsAsync_OtherDelimiter_RollsUpOnIt()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        await PutObjectAsync("bkt", "log-2024-a", "x");
        await PutObjectAsync("bkt", "log-2025-b", "x");
        await PutObjectAsync("bkt", "other", "x");

        var listing = await _store.ListObjectsAsync(new ObjectListQuery("bkt", "log-", "-", null, 1000), Cancel);

        listing.CommonPrefixes.ShouldBe(["log-2024-", "log-2025-"]);
        listing.Objects.ShouldBeEmpty();
    }

    [Fact]
    public async Task ListObjectsAsync_NoSuchBucket_Throws() =>
        (await Should.ThrowAsync<ObjectStoreException>(() => _store.ListObjectsAsync(new ObjectListQuery("nope", string.Empty, null, null, 10), Cancel))).Error.ShouldBe(ObjectStoreError.NoSuchBucket);

    [Fact]
    public async Task CompleteMultipartUploadAsync_Parts_JoinsThemWithTheMultipartEtag()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        var first = new byte[5 * 1024 * 1024];
        Random.Shared.NextBytes(first);
        byte[] second = [1, 2, 3];
        var id = await _store.CreateMultipartUploadAsync("bkt", "big.bin", new ObjectAttributes { ContentType = "application/x-tar" }, Cancel);

        var part2 = await _store.UploadPartAsync("bkt", "big.bin", id, 2, new MemoryStream(second), Cancel);
        var part1 = await _store.UploadPartAsync("bkt", "big.bin", id, 1, new MemoryStream(first), Cancel);
        (await _store.ListPartsAsync("bkt", "big.bin", id, Cancel)).Select(p => (p.PartNumber, p.Size)).ShouldBe([(1, first.Length), (2, 3L)]);

        var done = await _store.CompleteMultipartUploadAsync("bkt", "big.bin", id, [(1, $"\"{part1.ETag}\""), (2, part2.ETag)], Cancel);

        var expected = Convert.ToHexStringLower(MD5.HashData([.. MD5.HashData(first), .. MD5.HashData(second)])) + "-2";
        done.ETag.ShouldBe(expected);
        done.Size.ShouldBe(first.Length + 3);
        var details = await _store.GetObjectDetailsAsync("bkt", "big.bin", Cancel);
        details!.ETag.ShouldBe(expected);
        details.Attributes.ContentType.ShouldBe("application/x-tar");
        (await Should.ThrowAsync<ObjectStoreException>(() => _store.ListPartsAsync("bkt", "big.bin", id, Cancel))).Error.ShouldBe(ObjectStoreError.NoSuchUpload);
    }

    [Fact]
    public async Task CompleteMultipartUploadAsync_SmallPartBeforeTheLast_ThrowsEntityTooSmall()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        var id = await _store.CreateMultipartUploadAsync("bkt", "k", ObjectAttributes.None, Cancel);
        var one = await _store.UploadPartAsync("bkt", "k", id, 1, new MemoryStream([1]), Cancel);
        var two = await _store.UploadPartAsync("bkt", "k", id, 2, new MemoryStream([2]), Cancel);

        (await Should.ThrowAsync<ObjectStoreException>(() => _store.CompleteMultipartUploadAsync("bkt", "k", id, [(1, one.ETag), (2, two.ETag)], Cancel))).Error.ShouldBe(ObjectStoreError.EntityTooSmall);
        (await Should.ThrowAsync<ObjectStoreException>(() => _store.CompleteMultipartUploadAsync("bkt", "k", id, [(2, two.ETag), (1, one.ETag)], Cancel))).Error.ShouldBe(ObjectStoreError.InvalidPartOrder);
        (await Should.ThrowAsync<ObjectStoreException>(() => _store.CompleteMultipartUploadAsync("bkt", "k", id, [(1, "0123")], Cancel))).Error.ShouldBe(ObjectStoreError.InvalidPart);
        (await Should.ThrowAsync<ObjectStoreException>(() => _store.CompleteMultipartUploadAsync("bkt", "k", id, [(3, one.ETag)], Cancel))).Error.ShouldBe(ObjectStoreError.InvalidPart);

        var single = await _store.CompleteMultipartUploadAsync("bkt", "k", id, [(1, one.ETag)], Cancel);
        single.Size.ShouldBe(1);
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("")]
    public async Task UploadPartAsync_UnknownOrHostileUploadId_ThrowsNoSuchUpload(string id)
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        (await Should.ThrowAsync<ObjectStoreException>(() => _store.UploadPartAsync("bkt", "k", id, 1, new MemoryStream([1]), Cancel))).Error.ShouldBe(ObjectStoreError.NoSuchUpload);
    }

    [Fact]
    public async Task AbortMultipartUploadAsync_Upload_RemovesItAndOtherKeysCannotUseIt()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        var id = await _store.CreateMultipartUploadAsync("bkt", "k", ObjectAttributes.None, Cancel);

        (await Should.ThrowAsync<ObjectStoreException>(() => _store.ListPartsAsync("bkt", "other", id, Cancel))).Error.ShouldBe(ObjectStoreError.NoSuchUpload);
        await _store.AbortMultipartUploadAsync("bkt", "k", id, Cancel);

        (await Should.ThrowAsync<ObjectStoreException>(() => _store.AbortMultipartUploadAsync("bkt", "k", id, Cancel))).Error.ShouldBe(ObjectStoreError.NoSuchUpload);
        (await _store.GetObjectDetailsAsync("bkt", "k", Cancel)).ShouldBeNull();
    }

    private Task<ObjectDetails> PutObjectAsync(string bucket, string key, string text) =>
        _store.PutObjectAsync(bucket, key, new MemoryStream(Encoding.UTF8.GetBytes(text)), ObjectAttributes.None, Cancel);

    /// <summary>A body that breaks off after a few bytes, as a client that goes away.</summary>
    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _reads++ == 0 ? Fill(buffer, offset) : throw new IOException("the client went away");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static int Fill(byte[] buffer, int offset)
        {
            buffer[offset] = 42;
            return 1;
        }
    }
}
