using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.Hosting;

/// <summary>Authorization headers and dates no signer makes, on a server that checks signatures: each is a 403, never a 500.</summary>
public sealed class HostileSignatureTests : IAsyncLifetime
{
    private const string Scope = "AKIDTEST/20260101/us-east-1/sagemaker/aws4_request";

    private readonly HttpClient _http = new();
    private ServerHarness? _server;

    private ServerHarness Server => _server!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ServerHarness.StartAsync(
        credentials: new Dictionary<string, string> { [ServerHarness.TestCredentials.AccessKeyId] = ServerHarness.TestCredentials.SecretAccessKey });

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256")]
    [InlineData("AWS4-HMAC-SHA256 ")]
    [InlineData("AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=")]
    [InlineData("AWS4-HMAC-SHA256 Credential=" + Scope + ", SignedHeaders=, Signature=zz")]
    [InlineData("AWS4-HMAC-SHA256 Credential=" + Scope + ", SignedHeaders=host;x-amz-date;x-missing, Signature=00")]
    [InlineData("AWS4-HMAC-SHA256 Credential=" + Scope + ", SignedHeaders=;;;, Signature=" + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("AWS4-HMAC-SHA256 Credential=" + Scope + ", SignedHeaders=HOST, Signature=not-hex-at-all")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDTEST//////aws4_request, SignedHeaders=host, Signature=00")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDTEST/99999999/x/y/aws4_request, SignedHeaders=host, Signature=00")]
    [InlineData("AWS4-HMAC-SHA256 ===, ,,, =")]
    [InlineData("Bearer token")]
    public async Task Post_HostileAuthorization_IsForbiddenInAwsWords(string authorization)
    {
        foreach (var date in new[] { DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), "99991231T235959Z", "00010101T000000Z", "garbage", string.Empty })
        {
            using var content = new ByteArrayContent("{}"u8.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
            content.Headers.Add("X-Amz-Target", "SageMaker.ListPipelines");
            using var request = new HttpRequestMessage(HttpMethod.Post, Server.Address) { Content = content };
            request.Headers.TryAddWithoutValidation("Authorization", authorization).ShouldBeTrue();
            request.Headers.TryAddWithoutValidation("X-Amz-Date", date);

            using var response = await _http.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);

            ((int)response.StatusCode).ShouldBe(403, $"{date}: {body}");
            ErrorBody.Read(body).Type.ShouldNotBe("InternalFailure");
        }
    }

    [Theory]
    [InlineData("/%zz")]
    [InlineData("/a/../../b?x=%ff&y")]
    [InlineData("/?%00")]
    public async Task Post_SignedCheckOnAnOddPath_IsForbiddenNotAServerError(string path)
    {
        var head = Encoding.ASCII.GetString(RawHttp.Head(Server.Address, "SageMaker.ListPipelines", "Content-Length: 2",
            "Authorization: AWS4-HMAC-SHA256 Credential=" + Scope + ", SignedHeaders=host, Signature=00", "X-Amz-Date: 20260101T000000Z"));
        byte[] request = [.. Encoding.ASCII.GetBytes(head.Replace("POST / ", "POST " + path + " ", StringComparison.Ordinal)), .. "{}"u8];

        var (status, body) = await RawHttp.SendAsync(Server.Address, request, halfClose: false, Ct);

        status.ShouldBeInRange(400, 499, body);
    }
}
