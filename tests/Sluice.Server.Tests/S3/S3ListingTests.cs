using System.Net;
using System.Xml.Linq;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.S3;

/// <summary>Listings as S3 writes them, element by element: the answer's document, pages and encodings.</summary>
public sealed class S3ListingTests
{
    private static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListObjectsV2_DelimiterOwnerAndUrlEncoding_WritesS3sDocument()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/bkt");
        foreach (var key in new[] { "a b.txt", "dir/1", "dir/2", "z" })
        {
            await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/bkt/" + Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal), "12345"u8.ToArray());
        }

        var answer = await S3Http.SendAsync(http, server.Address, HttpMethod.Get, "/bkt?list-type=2&delimiter=%2F&fetch-owner=true&encoding-type=url&max-keys=2");
        var text = await answer.Content.ReadAsStringAsync(Ct);

        answer.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        text.ShouldStartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>bkt</Name><Prefix></Prefix><MaxKeys>2</MaxKeys><KeyCount>2</KeyCount>");
        var root = XElement.Parse(text);
        root.Element(Ns + "IsTruncated")!.Value.ShouldBe("true");
        root.Element(Ns + "EncodingType")!.Value.ShouldBe("url");
        var contents = root.Element(Ns + "Contents")!;
        contents.Elements().Select(e => e.Name.LocalName).ShouldBe(["Key", "LastModified", "ETag", "Size", "Owner", "StorageClass"]);
        contents.Element(Ns + "Key")!.Value.ShouldBe("a%20b.txt");
        contents.Element(Ns + "ETag")!.Value.ShouldBe("\"827ccb0eea8a706c4c34a16891f84e7b\"");
        contents.Element(Ns + "Size")!.Value.ShouldBe("5");
        root.Elements(Ns + "CommonPrefixes").Select(p => p.Element(Ns + "Prefix")!.Value).ShouldBe(["dir/"]);

        var token = root.Element(Ns + "NextContinuationToken")!.Value;
        var next = XElement.Parse(await (await S3Http.SendAsync(http, server.Address, HttpMethod.Get, "/bkt?list-type=2&delimiter=%2F&continuation-token=" + Uri.EscapeDataString(token))).Content.ReadAsStringAsync(Ct));
        next.Elements(Ns + "Contents").Select(c => c.Element(Ns + "Key")!.Value).ShouldBe(["z"]);
        next.Element(Ns + "ContinuationToken")!.Value.ShouldBe(token);
        next.Element(Ns + "Contents")!.Element(Ns + "Owner").ShouldBeNull();
    }

    [Fact]
    public async Task ListObjectsV1_Marker_WritesMarkerNextMarkerAndOwner()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/bkt");
        foreach (var key in new[] { "k1", "k2", "k3" })
        {
            await S3Http.SendAsync(http, server.Address, HttpMethod.Put, "/bkt/" + key, "x"u8.ToArray());
        }

        var root = XElement.Parse(await (await S3Http.SendAsync(http, server.Address, HttpMethod.Get, "/bkt?marker=k1&max-keys=1")).Content.ReadAsStringAsync(Ct));

        root.Element(Ns + "Marker")!.Value.ShouldBe("k1");
        root.Element(Ns + "NextMarker")!.Value.ShouldBe("k2");
        root.Elements(Ns + "Contents").Select(c => c.Element(Ns + "Key")!.Value).ShouldBe(["k2"]);
        root.Element(Ns + "Contents")!.Element(Ns + "Owner")!.Element(Ns + "DisplayName")!.Value.ShouldBe("sluice");
    }
}
