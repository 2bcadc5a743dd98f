using System.Buffers.Binary;
using System.IO.Hashing;
using System.Net;
using System.Text;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.S3;

/// <summary>The S3 endpoint with requests no SDK sends over plain HTTP: aws-chunked bodies, virtual-hosted buckets, hostile paths and bodies.</summary>
public sealed class S3EndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutObject_AwsChunkedWithTrailingCrc32_StoresTheDecodedBytesAndKeepsTheChecksum()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        await CreateBucketAsync(http, server, "bkt");
        var data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("streamed body ", 5000)));

        var put = await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/bkt/chunked.txt", S3Http.Chunked(data, 8192, "x-amz-checksum-crc32:" + Crc32Of(data)), [
            ("Content-Encoding", "aws-chunked"),
            ("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"),
            ("x-amz-trailer", "x-amz-checksum-crc32"),
            ("x-amz-decoded-content-length", data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync(Ct));
        put.Headers.GetValues("x-amz-checksum-crc32").ShouldBe([Crc32Of(data)]);
        var get = await S3Http.SendAsync(http, server.Address, HttpMethod.Get, "/bkt/chunked.txt", null, ("x-amz-checksum-mode", "ENABLED"));
        (await get.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(data);
        get.Headers.GetValues("x-amz-checksum-crc32").ShouldBe([Crc32Of(data)]);
    }

    [Fact]
    public async Task PutObject_AwsChunkedWithWrongTrailingChecksum_IsBadDigestAndKeepsTheOldObject()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        await CreateBucketAsync(http, server, "bkt");
        await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/bkt/k", "old"u8.ToArray());

        var put = await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/bkt/k", S3Http.Chunked("new"u8.ToArray(), 2, "x-amz-checksum-crc32:AAAAAA=="), [
            ("Content-Encoding", "aws-chunked"), ("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"), ("x-amz-trailer", "x-amz-checksum-crc32")]);

        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await S3Http.ErrorCodeAsync(put)).ShouldBe("BadDigest");
        (await ReadAsync(http, server, "/bkt/k")).ShouldBe("old");
    }

    [Theory]
    [InlineData("zz\r\nabc\r\n0\r\n\r\n")]
    [InlineData("5\r\nab")]
    [InlineData("3\r\nabcXY0\r\n\r\n")]
    [InlineData("fffffffffffffffff\r\n")]
    [InlineData("")]
    public async Task PutObject_BrokenChunkFraming_IsAClientErrorAndStoresNothing(string framing)
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        await CreateBucketAsync(http, server, "bkt");

        var put = await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/bkt/k", Encoding.ASCII.GetBytes(framing), [
            ("Content-Encoding", "aws-chunked"), ("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")]);

        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await S3Http.ErrorCodeAsync(put)).ShouldBe("IncompleteBody");
        (await S3Http.SendAsync(http, server.Address, HttpMethod.Head, "/bkt/k")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Request_VirtualHostedBucket_NamesTheBucketByTheHost()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        var host = $"vhost-bucket.localhost:{server.Address.Port}";

        (await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/", null, ("Host", host))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/dir/file.txt", "hello"u8.ToArray(), ("Host", host))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ReadAsync(http, server, "/vhost-bucket/dir/file.txt")).ShouldBe("hello");
        File.ReadAllText(Path.Combine(server.Directory, "objects", "vhost-bucket", "dir", "file.txt")).ShouldBe("hello");
    }

    [Fact]
    public async Task HeadBucket_Missing_Is404WithoutBody()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();

        var head = await S3Http.SendAsync(http, server.Address, HttpMethod.Head, "/missing-bucket");

        head.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await head.Content.ReadAsByteArrayAsync(Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/bkt/..%2F..%2Fescape.txt")]
    [InlineData("/bkt/%2e%2e/%2e%2e/escape.txt")]
    [InlineData("/bkt/a/../../../escape.txt")]
    [InlineData("/bkt//escape.txt")]
    [InlineData("/bkt/a%00b")]
    [InlineData("/bkt/%C0%AE%C0%AE/escape.txt")]
    [InlineData("/bkt/trailing/")]
    [InlineData("/.sluice/tmp/x")]
    [InlineData("/..%2F..%2Fetc/passwd")]
    public async Task PutObject_HostileKey_IsRefusedAndWritesNothingOutsideTheBucket(string path)
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        await CreateBucketAsync(http, server, "bkt");

        var put = await S3Http.RawStatusAsync(server.Address, "PUT", path, "evil"u8.ToArray());
        var get = await S3Http.RawStatusAsync(server.Address, "GET", path, []);

        put.ShouldBeInRange(400, 499);
        get.ShouldBeInRange(400, 499);
        Directory.EnumerateFiles(server.Directory, "escape.txt", SearchOption.AllDirectories).ShouldBeEmpty();
        Directory.EnumerateFiles(Path.Combine(server.Directory, "objects", "bkt"), "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteObjects_XmlWithEntities_IsMalformedXml()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        await CreateBucketAsync(http, server, "bkt");
        var bomb = """<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Delete><Object><Key>&b;</Key></Object></Delete>""";

        var answer = await S3Http.SendAsync(http, server.Address, HttpMethod.Post, "/bkt?delete", Encoding.UTF8.GetBytes(bomb));

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await S3Http.ErrorCodeAsync(answer)).ShouldBe("MalformedXML");
    }

    [Theory]
    [InlineData("PUT", "/bkt?acl", "NotImplemented")]
    [InlineData("GET", "/bkt/k?tagging", "NotImplemented")]
    [InlineData("PATCH", "/bkt/k", "MethodNotAllowed")]
    [InlineData("GET", "/bkt?list-type=2&max-keys=-1", "InvalidArgument")]
    [InlineData("GET", "/bkt?list-type=2&continuation-token=%%%", "InvalidArgument")]
    [InlineData("GET", "/bkt?encoding-type=base64", "InvalidArgument")]
    [InlineData("PUT", "/bkt/k?partNumber=0&uploadId=abc", "InvalidArgument")]
    [InlineData("PUT", "/bkt/k?partNumber=1&uploadId=..%2F..%2Fx", "NoSuchUpload")]
    [InlineData("POST", "/bkt/k?uploadId=abc", "MalformedXML")]
    [InlineData("PUT", "/bkt/k2", "InvalidArgument")]
    public async Task Request_Unsupported_AnswersS3ErrorXml(string method, string path, string code)
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        await CreateBucketAsync(http, server, "bkt");
        var headers = path == "/bkt/k2" ? new[] { ("x-amz-copy-source", "no-slash") } : [];

        var answer = await S3Http.SendAsync(http, server.Address, new HttpMethod(method), path, method is "PUT" or "POST" ? "<x/>"u8.ToArray() : null, headers);

        ((int)answer.StatusCode).ShouldBeInRange(400, 501);
        (await S3Http.ErrorCodeAsync(answer)).ShouldBe(code);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
    }

    [Fact]
    public async Task JsonApi_StillAnsweredOnPostSlash()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();

        var answer = await server.PostAsync(http, "SageMaker.ListPipelines", "{}");

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task QueryProtocol_UnknownAction_IsInvalidActionXml()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        using var form = new StringContent("Action=AssumeRole&Version=2011-06-15", Encoding.UTF8, "application/x-www-form-urlencoded");

        var answer = await http.PostAsync(server.Address, form, Ct);

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await answer.Content.ReadAsStringAsync(Ct)).ShouldContain("<Code>InvalidAction</Code>");
    }

    private static async Task CreateBucketAsync(HttpClient http, ServerHarness server, string bucket) =>
        (await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/" + bucket)).StatusCode.ShouldBe(HttpStatusCode.OK);

    private static async Task<string> ReadAsync(HttpClient http, ServerHarness server, string path) =>
        await (await S3Http.SendAsync(http, server.Address, HttpMethod.Get, path)).Content.ReadAsStringAsync(Ct);

    private static string Crc32Of(byte[] data)
    {
        var value = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(value, Crc32.HashToUInt32(data));
        return Convert.ToBase64String(value);
    }
}
