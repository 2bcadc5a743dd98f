using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Sluice.Client.Signing;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.S3;

/// <summary>SigV4 on the S3 endpoint when credentials are configured: boto3's signatures, presigned URLs and signed aws-chunked bodies.</summary>
public sealed class S3SignatureTests
{
    private static readonly Dictionary<string, string> Configured = new() { [ServerHarness.TestCredentials.AccessKeyId] = ServerHarness.TestCredentials.SecretAccessKey };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Boto3_SignedAndRefusedRequests_AllChecksPass()
    {
        await using var server = await ServerHarness.StartAsync(credentials: Configured);
        var script = Path.Combine(RepoRoot(), "tests", "clients", "boto3_s3_signed.py");
        using var python = Process.Start(new ProcessStartInfo("python3", [script, server.Address.ToString().TrimEnd('/'), ServerHarness.TestCredentials.AccessKeyId, ServerHarness.TestCredentials.SecretAccessKey])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = python.StandardOutput.ReadToEndAsync(Ct);
        var error = python.StandardError.ReadToEndAsync(Ct);
        await python.WaitForExitAsync(Ct);

        python.ExitCode.ShouldBe(0, await output + await error);
        (await output).ShouldContain("boto3 s3 signed: all checks passed");
    }

    [Fact]
    public async Task PutObject_SignedChunks_StoresTheDecodedBody()
    {
        await using var server = await ServerHarness.StartAsync(credentials: Configured);
        using var http = new HttpClient();
        await SignedAsync(http, server, HttpMethod.Put, "/chunky", [], null);
        var data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789", 2000)));

        var put = await SignedChunkedPutAsync(http, server, "/chunky/obj", data, tamper: false);

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync(Ct));
        var get = await SignedAsync(http, server, HttpMethod.Get, "/chunky/obj", [], null);
        (await get.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(data);
    }

    [Fact]
    public async Task PutObject_TamperedChunk_IsSignatureDoesNotMatchAndStoresNothing()
    {
        await using var server = await ServerHarness.StartAsync(credentials: Configured);
        using var http = new HttpClient();
        await SignedAsync(http, server, HttpMethod.Put, "/chunky", [], null);

        var put = await SignedChunkedPutAsync(http, server, "/chunky/obj", new byte[20000], tamper: true);

        put.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await S3Http.ErrorCodeAsync(put)).ShouldBe("SignatureDoesNotMatch");
        (await SignedAsync(http, server, HttpMethod.Head, "/chunky/obj", [], null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutObject_PayloadHashOfOtherBytes_IsXAmzContentSha256MismatchAndStoresNothing()
    {
        await using var server = await ServerHarness.StartAsync(credentials: Configured);
        using var http = new HttpClient();
        await SignedAsync(http, server, HttpMethod.Put, "/hashed", [], null);

        var put = await SignedAsync(http, server, HttpMethod.Put, "/hashed/obj", "actual"u8.ToArray(), Hex(SHA256.HashData("claimed"u8)));

        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await S3Http.ErrorCodeAsync(put)).ShouldBe("XAmzContentSHA256Mismatch");
        (await SignedAsync(http, server, HttpMethod.Head, "/hashed/obj", [], null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>A request signed as S3 clients sign: path as sent, signed payload hash header.</summary>
    private static async Task<HttpResponseMessage> SignedAsync(HttpClient http, ServerHarness server, HttpMethod method, string path, byte[] body, string? claimedHash)
    {
        var now = DateTimeOffset.UtcNow;
        var amzDate = SigV4Signer.FormatAmzDate(now);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = server.Address.Authority,
            ["x-amz-content-sha256"] = claimedHash ?? Hex(SHA256.HashData(body)),
            ["x-amz-date"] = amzDate,
        };
        var (authorization, _) = Sign(method.Method, path, headers, amzDate);
        using var request = new HttpRequestMessage(method, new Uri(server.Address, path)) { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", headers["x-amz-content-sha256"]);
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await http.SendAsync(request, Ct);
    }

    /// <summary>A PUT with a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body: 8 KiB chunks, each signed over the previous signature.</summary>
    private static async Task<HttpResponseMessage> SignedChunkedPutAsync(HttpClient http, ServerHarness server, string path, byte[] data, bool tamper)
    {
        var now = DateTimeOffset.UtcNow;
        var amzDate = SigV4Signer.FormatAmzDate(now);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-encoding"] = "aws-chunked",
            ["host"] = server.Address.Authority,
            ["x-amz-content-sha256"] = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
            ["x-amz-date"] = amzDate,
            ["x-amz-decoded-content-length"] = data.Length.ToString(CultureInfo.InvariantCulture),
        };
        var (authorization, seed) = Sign("PUT", path, headers, amzDate);
        var date = amzDate[..8];
        var scope = SigV4Signer.CredentialScope(date, "eu-west-1", "s3");
        var empty = Hex(SHA256.HashData([]));
        using var body = new MemoryStream();
        var previous = seed;
        for (var offset = 0; ; offset += 8192)
        {
            var chunk = data.AsSpan(Math.Min(offset, data.Length), Math.Clamp(data.Length - offset, 0, 8192)).ToArray();
            previous = SigV4Signer.ComputeSignature(ServerHarness.TestCredentials.SecretAccessKey, date, "eu-west-1", "s3", $"AWS4-HMAC-SHA256-PAYLOAD\n{amzDate}\n{scope}\n{previous}\n{empty}\n{Hex(SHA256.HashData(chunk))}");
            if (tamper && chunk.Length > 0)
            {
                chunk[0] ^= 1;
            }

            body.Write(Encoding.ASCII.GetBytes($"{chunk.Length:x};chunk-signature={previous}\r\n"));
            body.Write(chunk);
            body.Write("\r\n"u8);
            if (chunk.Length == 0)
            {
                break;
            }
        }

        body.Write("\r\n"u8);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(server.Address, path)) { Content = new ByteArrayContent(body.ToArray()) };
        foreach (var (name, value) in headers.Where(h => h.Key != "host"))
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await http.SendAsync(request, Ct);
    }

    private static (string Authorization, string Signature) Sign(string method, string path, SortedDictionary<string, string> headers, string amzDate)
    {
        var canonical = new StringBuilder().Append(method).Append('\n').Append(path).Append("\n\n");
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        var signedHeaders = string.Join(';', headers.Keys);
        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(headers["x-amz-content-sha256"]);
        var date = amzDate[..8];
        var scope = SigV4Signer.CredentialScope(date, "eu-west-1", "s3");
        var signature = SigV4Signer.ComputeSignature(ServerHarness.TestCredentials.SecretAccessKey, date, "eu-west-1", "s3", SigV4Signer.StringToSign(amzDate, scope, canonical.ToString()));
        return ($"AWS4-HMAC-SHA256 Credential={ServerHarness.TestCredentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}", signature);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string RepoRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Sluice.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new DirectoryNotFoundException("the repository root (Sluice.slnx) is not above the test binaries");
    }
}
