using System.Net;
using System.Net.Sockets;
using System.Text;
using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Client.Signing;

namespace Sluice.Client.Tests.Http;

/// <summary>One request over a real loopback socket: what HttpClient puts on the wire (Host with port, Content-Type) is what was signed.</summary>
public sealed class AwsJsonClientLoopbackTests
{
    [Fact]
    public async Task SendAsync_RealSocketOnNonDefaultPort_ServerVerifiesTheSignatureOverHostWithPort()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var client = new AwsJsonClient(AwsJsonService.SageMaker, new AwsClientOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{port}"),
            Region = "us-east-1",
            Credentials = new AwsCredentials("AKIDEXAMPLE", "secret"),
            MaxAttempts = 1,
        });

        var sending = client.SendAsync("ListPipelines", """{"MaxResults":1}"""u8.ToArray(), ct);
        var context = await listener.GetContextAsync().WaitAsync(ct);
        var received = await ReceivedAsync(context.Request, ct);
        await Respond(context.Response, """{"PipelineSummaries":[]}""", ct);
        var response = await sending;

        received.Header("Host").ShouldBe($"127.0.0.1:{port}");
        received.Header("Content-Type").ShouldBe("application/x-amz-json-1.1");
        SigV4Authorization.TryParse(received.Header("Authorization"), out var authorization).ShouldBeTrue();
        SigV4Signer.Verify(received, authorization, "secret").ShouldBeTrue();
        response.RequestId.ShouldBe("loopback-1");
    }

    private static async Task<SigningRequest> ReceivedAsync(HttpListenerRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body, cancellationToken);
        var headers = request.Headers.AllKeys
            .Select(name => new KeyValuePair<string, string>(name!, request.Headers.Get(name)!)) // Get keeps commas (Authorization has them)
            .ToList();
        return new SigningRequest(request.HttpMethod, request.Url!, headers, body.ToArray());
    }

    private static async Task Respond(HttpListenerResponse response, string body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = 200;
        response.ContentType = "application/x-amz-json-1.1";
        response.Headers["x-amzn-RequestId"] = "loopback-1";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes, cancellationToken);
        response.Close();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
