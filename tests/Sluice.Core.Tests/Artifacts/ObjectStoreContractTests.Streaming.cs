#pragma warning disable CA5351 // S3's ETags are MD5s by definition
using System.Security.Cryptography;
using Sluice.Core.Artifacts;

namespace Sluice.Core.Tests.Artifacts;

/// <content>Large objects streamed in pieces, listings paged through nested folders, and ETags kept in step with the bytes.</content>
public abstract partial class ObjectStoreContractTests
{
    [Fact]
    public async Task PutObjectAsync_ObjectOfSeveralPiecesReadInSmallReads_KeepsEveryByteAndItsMd5()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        var bytes = new byte[(2 * 1024 * 1024) + 12_345]; // more than two of the store's pieces, not a multiple of any
        new Random(7).NextBytes(bytes);

        var put = await _store.PutObjectAsync("bkt", "big", new TrickleStream(bytes, 70_001), ObjectAttributes.None, Cancel);

        put.ETag.ShouldBe(Convert.ToHexStringLower(MD5.HashData(bytes)));
        put.Size.ShouldBe(bytes.Length);
        var opened = await _store.OpenObjectAsync("bkt", "big", Cancel);
        await using var content = opened!.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, Cancel);
        copy.ToArray().ShouldBe(bytes);
    }

    [Fact]
    public async Task ListObjectsAsync_NestedFoldersPagedAfterEveryKey_GivesTheKeysInUtf8OrderOnce()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        string[] keys =
        [
            "a-b", "a.x/1", "a/b/c", "a/b/d", "a/bc", "a/b0/e", "a0", "b/x/y/z", "b/x/y0", "b/xx", "c",
            "\uE000k", "\uD83D\uDE00k", "d/\uE000", "d/\uD83D\uDE00",
        ];
        foreach (var key in keys)
        {
            await PutObjectAsync("bkt", key, key);
        }

        var ordered = keys.OrderBy(k => k, Comparer<string>.Create((x, y) => Utf8Bytes(x).AsSpan().SequenceCompareTo(Utf8Bytes(y)))).ToList();
        foreach (var pageSize in new[] { 1, 2, 5 })
        {
            var seen = new List<string>();
            string? after = null;
            while (true)
            {
                var page = await _store.ListObjectsAsync(new ObjectListQuery("bkt", string.Empty, null, after, pageSize), Cancel);
                seen.AddRange(page.Objects.Select(o => o.Key));
                if (!page.IsTruncated)
                {
                    break;
                }

                after = page.Last;
            }

            seen.ShouldBe(ordered, $"pages of {pageSize}");
        }

        // a marker inside a folder, and one between a folder's keys and the keys that follow it
        (await _store.ListObjectsAsync(new ObjectListQuery("bkt", string.Empty, null, "a/b/c", 3), Cancel)).Objects.Select(o => o.Key).ShouldBe(["a/b/d", "a/b0/e", "a/bc"]);
        (await _store.ListObjectsAsync(new ObjectListQuery("bkt", "b/", "/", "b/x/", 10), Cancel)).CommonPrefixes.ShouldBeEmpty();
        (await _store.ListObjectsAsync(new ObjectListQuery("bkt", "b/", "/", "b/x", 10), Cancel)).CommonPrefixes.ShouldBe(["b/x/"]);
    }

    [Fact]
    public async Task GetObjectDetailsAsync_FileReplacedOutsideTheStoreAfterAListing_GivesTheNewBytesEtag()
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        await PutObjectAsync("bkt", "k", "first");
        (await _store.ListObjectsAsync(new ObjectListQuery("bkt", string.Empty, null, null, 10), Cancel)).Objects.Single().ETag
            .ShouldBe(Convert.ToHexStringLower(MD5.HashData("first"u8)));

        await PutAsync("s3://bkt/k", "second, longer");

        (await _store.GetObjectDetailsAsync("bkt", "k", Cancel))!.ETag.ShouldBe(Convert.ToHexStringLower(MD5.HashData("second, longer"u8)));
        (await _store.ListObjectsAsync(new ObjectListQuery("bkt", string.Empty, null, null, 10), Cancel)).Objects.Single().ETag
            .ShouldBe(Convert.ToHexStringLower(MD5.HashData("second, longer"u8)));
    }

    [Theory] // the keys as C# escapes, unescaped in the test: xUnit would turn a lone surrogate in its data into U+FFFD
    [InlineData(@"\uD83D\uDE00.txt", true)]
    [InlineData(@"dir/\uD83D\uDE00/\uD83D\uDE01", true)]
    [InlineData(@"\uDE00x", false)]
    [InlineData(@"x\uD83D", false)]
    [InlineData(@"x\uD83D/y", false)]
    public async Task PutObjectAsync_CharacterAboveUffffOrLoneSurrogate_StoresThePairRefusesTheLoneHalf(string escapedKey, bool storable)
    {
        await _store.CreateBucketAsync("bkt", Cancel);
        var key = System.Text.RegularExpressions.Regex.Unescape(escapedKey);

        if (storable)
        {
            (await PutObjectAsync("bkt", key, "x")).Key.ShouldBe(key);
            (await _store.GetObjectDetailsAsync("bkt", key, Cancel)).ShouldNotBeNull();
        }
        else
        {
            (await Should.ThrowAsync<ObjectStoreException>(() => PutObjectAsync("bkt", key, "x"))).Error.ShouldBe(ObjectStoreError.InvalidKey);
        }
    }

    private static byte[] Utf8Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>A body that arrives a few bytes at a time, as a slow client's does.</summary>
    private sealed class TrickleStream(byte[] bytes, int most) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, most)], cancellationToken);
    }
}
