using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sluice.Cli.Tests.Server;

/// <summary>What `sluice serve` logs for a request: the level, the operation, the status and the time; no event id or .NET category.</summary>
public sealed class ServeLogTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("sluice-serve-log-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Serve_Request_LogsOnePlainLine()
    {
        int port;
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            port = ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        var lines = new ConcurrentQueue<string>();
        using var server = Process.Start(new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "sluice"), ["serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--data", _data])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        server.OutputDataReceived += (_, e) => { if (e.Data is { } line) { lines.Enqueue(line); } };
        server.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { lines.Enqueue(line); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient();
            await CallUntilUpAsync(http, port);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!lines.Any(l => l.Contains("ListPipelines", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            lines.Single(l => l.Contains("ListPipelines", StringComparison.Ordinal)).ShouldMatch(@"^info: ListPipelines 200 \d+\.\d ms$");
            lines.ShouldNotContain(l => l.Contains("[0]", StringComparison.Ordinal));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private static async Task CallUntilUpAsync(HttpClient http, int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var content = new StringContent("{}", Encoding.UTF8);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
            content.Headers.Add("X-Amz-Target", "SageMaker.ListPipelines");
            try
            {
                using var response = await http.PostAsync(new Uri($"http://127.0.0.1:{port}/"), content, TestContext.Current.CancellationToken);
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                return;
            }
            catch (HttpRequestException) when (attempt < 300)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }
    }
}
