using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sluice.Cli.Tests.Server;

/// <summary>
/// Graceful shutdown of `sluice serve`: on SIGTERM it stops taking requests and exits 0, leaving running executions as
/// they are in the store; the next start resumes them, and a Callback step's token still answers.
/// </summary>
public sealed class ServeShutdownTests : IDisposable
{
    private const string Definition = """
        {"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": null,
         "Steps": [{"Name": "Approve", "Type": "Callback", "Arguments": {}, "SqsQueueUrl": "https://sqs.us-east-1.amazonaws.com/111122223333/approvals",
                    "OutputParameters": []}]}
        """;

    private readonly string _data = Directory.CreateTempSubdirectory("sluice-shutdown-").FullName;
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Serve_Sigterm_ExitsCleanlyAndTheNextStartResumesTheExecution()
    {
        var (first, url) = await StartAsync();
        string arn;
        string token;
        try
        {
            await CallAsync(url, "CreatePipeline", $$"""{"PipelineName": "waits", "RoleArn": "arn:aws:iam::111122223333:role/R", "ClientRequestToken": "{{Guid.NewGuid()}}", "PipelineDefinition": {{System.Text.Json.JsonSerializer.Serialize(Definition)}}}""");
            arn = Field(await CallAsync(url, "StartPipelineExecution", $$"""{"PipelineName": "waits", "ClientRequestToken": "{{Guid.NewGuid()}}"}"""), "PipelineExecutionArn");
            token = await TokenAsync(url, arn);
        }
        finally
        {
            using var kill = Process.Start("kill", ["-TERM", first.Id.ToString(CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await first.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        first.ExitCode.ShouldBe(0);
        first.Dispose();

        var (second, url2) = await StartAsync();
        try
        {
            Field(await CallAsync(url2, "DescribePipelineExecution", $$"""{"PipelineExecutionArn": "{{arn}}"}"""), "PipelineExecutionStatus").ShouldBe("Executing");
            await CallAsync(url2, "SendPipelineExecutionStepSuccess", $$"""{"CallbackToken": "{{token}}", "ClientRequestToken": "{{Guid.NewGuid()}}"}""");
            var status = "Executing";
            for (var i = 0; i < 300 && status == "Executing"; i++)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
                status = Field(await CallAsync(url2, "DescribePipelineExecution", $$"""{"PipelineExecutionArn": "{{arn}}"}"""), "PipelineExecutionStatus");
            }

            status.ShouldBe("Succeeded");
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync(TestContext.Current.CancellationToken);
            second.Dispose();
        }
    }

    private static string Field(string json, string name)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty(name).GetString()!;
    }

    private async Task<string> TokenAsync(string url, string arn)
    {
        var steps = string.Empty;
        for (var i = 0; i < 500; i++)
        {
            steps = await CallAsync(url, "ListPipelineExecutionSteps", $$"""{"PipelineExecutionArn": "{{arn}}"}""");
            using var document = System.Text.Json.JsonDocument.Parse(steps);
            foreach (var step in document.RootElement.GetProperty("PipelineExecutionSteps").EnumerateArray())
            {
                if (step.TryGetProperty("Metadata", out var metadata) && metadata.TryGetProperty("Callback", out var callback))
                {
                    return callback.GetProperty("CallbackToken").GetString()!;
                }
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("no callback token: " + steps);
    }

    private async Task<string> CallAsync(string url, string operation, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        content.Headers.Add("X-Amz-Target", "SageMaker." + operation);
        using var response = await _http.PostAsync(new Uri(url + "/"), content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return text;
    }

    private async Task<(Process Server, string Url)> StartAsync()
    {
        int port;
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            port = ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        var url = $"http://127.0.0.1:{port}";
        var server = Process.Start(new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "sluice"), ["serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--data", _data, "--quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var health = await _http.GetAsync(new Uri(url + "/health"), TestContext.Current.CancellationToken);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return (server, url);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        server.Kill(entireProcessTree: true);
        throw new TimeoutException("sluice serve did not answer /health in time");
    }
}
