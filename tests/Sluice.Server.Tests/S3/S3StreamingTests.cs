#pragma warning disable CA5351 // S3's Content-MD5 and ETags are MD5s by definition
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Net;
using System.Security.Cryptography;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.S3;

/// <summary>Objects larger than the pieces the endpoint streams them in: ranges across piece boundaries, and every body check still made.</summary>
public sealed class S3StreamingTests
{
    private const int Size = (3 * 256 * 1024) + 4321; // more than three of the GET path's 256 KiB pieces

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("bytes=0-0", 0, 1)]
    [InlineData("bytes=100-300000", 100, 299_901)]
    [InlineData("bytes=262143-524288", 262_143, 262_146)]
    [InlineData("bytes=-1000", Size - 1000, 1000)]
    [InlineData("bytes=500000-", 500_000, Size - 500_000)]
    [InlineData("bytes=5-99999999", 5, Size - 5)]
    public async Task GetObject_RangeAcrossPieces_GivesExactlyThoseBytes(string range, int start, int length)
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        var data = await PutRandomAsync(http, server);

        var get = await S3Http.SendAsync(http, server.Address, HttpMethod.Get, "/bkt/big", null, ("Range", range));

        get.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        get.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes {start}-{start + length - 1}/{Size}");
        (await get.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(data[start..(start + length)]);
    }

    [Fact]
    public async Task GetObject_WholeAndHead_GiveEveryByteAndTheMd5Etag()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        var data = await PutRandomAsync(http, server);

        var get = await S3Http.SendAsync(http, server.Address, HttpMethod.Get, "/bkt/big");
        var head = await S3Http.SendAsync(http, server.Address, HttpMethod.Head, "/bkt/big");

        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await get.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(data);
        get.Headers.ETag!.Tag.ShouldBe("\"" + Convert.ToHexStringLower(MD5.HashData(data)) + "\"");
        head.Content.Headers.ContentLength.ShouldBe(Size);
        (await head.Content.ReadAsByteArrayAsync(Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("x-amz-checksum-crc32")]
    [InlineData("x-amz-checksum-sha256")]
    [InlineData("Content-MD5")]
    public async Task PutObject_LargeBodyWithWrongCheck_IsBadDigestAndKeepsTheOldObject(string header)
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        var old = await PutRandomAsync(http, server);
        var data = RandomBytes(2 * 1024 * 1024 + 17, seed: 2);
        var wrong = data.ToArray();
        wrong[^1] ^= 1; // the check is of other bytes: the last piece decides

        var put = await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/bkt/big", data, (header, CheckOf(header, wrong)));

        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await S3Http.ErrorCodeAsync(put)).ShouldBe("BadDigest");
        (await (await S3Http.SendAsync(http, server.Address, HttpMethod.Get, "/bkt/big")).Content.ReadAsByteArrayAsync(Ct)).ShouldBe(old);
    }

    [Fact]
    public async Task PutObject_LargeBodyWithRightChecks_StoresItAndAnswersTheChecksum()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/bkt");
        var data = RandomBytes(2 * 1024 * 1024 + 17, seed: 3);

        var put = await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/bkt/big", data,
            ("x-amz-checksum-crc32", CheckOf("x-amz-checksum-crc32", data)), ("Content-MD5", CheckOf("Content-MD5", data)));

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync(Ct));
        put.Headers.ETag!.Tag.ShouldBe("\"" + Convert.ToHexStringLower(MD5.HashData(data)) + "\"");
        put.Headers.GetValues("x-amz-checksum-crc32").ShouldBe([CheckOf("x-amz-checksum-crc32", data)]);
        (await (await S3Http.SendAsync(http, server.Address, HttpMethod.Get, "/bkt/big")).Content.ReadAsByteArrayAsync(Ct)).ShouldBe(data);
    }

    private static async Task<byte[]> PutRandomAsync(HttpClient http, ServerHarness server)
    {
        await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/bkt");
        var data = RandomBytes(Size, seed: 1);
        var put = await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/bkt/big", data);
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        return data;
    }

    private static byte[] RandomBytes(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static string CheckOf(string header, byte[] data)
    {
        switch (header)
        {
            case "x-amz-checksum-crc32":
                Span<byte> crc = stackalloc byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(data));
                return Convert.ToBase64String(crc);
            case "x-amz-checksum-sha256":
                return Convert.ToBase64String(SHA256.HashData(data));
            default:
                return Convert.ToBase64String(MD5.HashData(data));
        }
    }
}
