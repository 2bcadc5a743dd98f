using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Server;

/// <summary>`sluice serve` as a real process on a loopback port, driven by real clients.</summary>
public sealed class ServeClientTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("sluice-serve-").FullName;
    private Process? _server;
    private string _url = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var port = FreePort();
        _url = $"http://127.0.0.1:{port}";
        _server = Process.Start(new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "sluice"), ["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", _data])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync(new Uri(_url + "/health"), TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("sluice serve did not answer /health in time");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Theory]
    [InlineData("python3", "boto3_pipeline.py", "boto3 client: all checks passed")]
    [InlineData("python3", "boto3_callback_consumer.py", "boto3 callback consumer: all checks passed")]
    [InlineData("python3", "boto3_jobs_registry.py", "boto3 jobs and registry: all checks passed")]
    [InlineData("bash", "awscli_pipeline.sh", "aws cli: all checks passed")]
    [InlineData("python3", "boto3_s3.py", "boto3 s3: all checks passed")]
    [InlineData("bash", "awscli_s3.sh", "aws cli s3: all checks passed")]
    [InlineData("python3", "boto3_s3_copy.py", "boto3 s3 copy: all checks passed")]
    [InlineData("python3", "boto3_sqs.py", "boto3 sqs: all checks passed")]
    [InlineData("bash", "awscli_sqs.sh", "aws cli sqs: all checks passed")]
    [InlineData("bash", "sdk_replay.sh", "sdk replay: all checks passed")]
    public async Task RealClient_Script_AllChecksPass(string interpreter, string script, string passed)
    {
        var path = Path.Combine(CliRunner.RepoRoot, "tests", "clients", script);
        using var client = Process.Start(new ProcessStartInfo(interpreter, [path, _url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["SLUICE"] = Path.Combine(AppContext.BaseDirectory, "sluice") }, // sdk_replay.sh runs `sluice env`
        })!;
        var output = client.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = client.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await client.WaitForExitAsync(TestContext.Current.CancellationToken);

        client.ExitCode.ShouldBe(0, await output + await error);
        (await output).ShouldContain(passed);
    }

    [Fact]
    public async Task Post_UnknownTargetAndBadJson_AnswerSageMakerErrorsNotStackTraces()
    {
        using var http = new HttpClient();
        using var unknown = new StringContent("{}");
        unknown.Headers.Add("X-Amz-Target", "SageMaker.DescribeNothing");
        using var badJson = new StringContent("{not json");
        badJson.Headers.Add("X-Amz-Target", "SageMaker.ListPipelines");

        var first = await http.PostAsync(new Uri(_url + "/"), unknown, TestContext.Current.CancellationToken);
        var second = await http.PostAsync(new Uri(_url + "/"), badJson, TestContext.Current.CancellationToken);

        first.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        first.Headers.GetValues("x-amzn-ErrorType").ShouldBe(["UnknownOperationException"]);
        second.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        second.Headers.GetValues("x-amzn-ErrorType").ShouldBe(["SerializationException"]);
        (await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldStartWith("{\"__type\":\"SerializationException\",\"Message\":");
        first.Headers.Contains("x-amzn-RequestId").ShouldBeTrue();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
