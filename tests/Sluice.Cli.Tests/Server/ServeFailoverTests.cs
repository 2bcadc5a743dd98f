using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Npgsql;
using Sluice.Cli.Tests.Support;
using Sluice.Core.Tests.Storage.Postgres;

namespace Sluice.Cli.Tests.Server;

/// <summary>
/// Several real <c>sluice serve</c> processes on one PostgreSQL database (the assembly's private cluster): any server
/// answers for any execution, a server killed with SIGKILL mid-execution has its execution taken over by another once
/// its lease expires, and many starts spread over two servers each run exactly once.
/// </summary>
/// <param name="cluster">The assembly's PostgreSQL cluster.</param>
public sealed partial class ServeFailoverTests(PostgresCluster cluster) : IAsyncLifetime
{
    private const string Definition = """
        {"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": null,
         "Steps": [{"Name": "Approve", "Type": "Callback", "Arguments": {}, "SqsQueueUrl": "https://sqs.us-east-1.amazonaws.com/111122223333/approvals",
                    "OutputParameters": []}]}
        """;

    private readonly string _data = Directory.CreateTempSubdirectory("sluice-failover-").FullName;
    private readonly string _database = "f_" + Guid.NewGuid().ToString("N");
    private readonly HttpClient _http = new();
    private readonly List<Process> _servers = [];
    private string _connection = null!;
    private string _uri = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await cluster.StartAsync();
        _connection = await cluster.CreateDatabaseAsync(_database);
        var builder = new NpgsqlConnectionStringBuilder(_connection);
        _uri = $"postgres://postgres@127.0.0.1:{builder.Port}/{_database}";
        await File.WriteAllTextAsync(Path.Combine(_data, "sluice.yaml"), $"store:\n  postgres: {_uri}\n  lease: 3\n", Ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(CancellationToken.None);
            }

            server.Dispose();
        }

        _http.Dispose();
        NpgsqlConnection.ClearAllPools();
        await cluster.ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE);");
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Serve_ServerKilledMidExecution_AnotherServerTakesOverAndFinishesIt()
    {
        var (a, urlA) = await StartAsync("a", storeOption: true);
        var (_, urlB) = await StartAsync("b");
        await CallAsync(urlA, "CreatePipeline", $$"""{"PipelineName": "waits", "RoleArn": "arn:aws:iam::111122223333:role/R", "ClientRequestToken": "{{Guid.NewGuid()}}", "PipelineDefinition": {{JsonSerializer.Serialize(Definition)}}}""");
        var arn = Field(await CallAsync(urlA, "StartPipelineExecution", $$"""{"PipelineName": "waits", "ClientRequestToken": "{{Guid.NewGuid()}}"}"""), "PipelineExecutionArn");
        var token = await TokenAsync(urlB, arn); // server B answers for A's execution
        (await ScalarAsync($"SELECT owner FROM execution_leases WHERE execution_arn = '{arn}'")).ShouldNotBeNull().ToString()!.ShouldContain($"/{a.Id}/");
        var servers = await CliRunner.RunAsync(["servers", "--store", _uri, "--data", _data]);
        servers.ExitCode.ShouldBe(0, servers.Error);
        servers.Out.ShouldContain($"/{a.Id}/");
        servers.Out.ShouldContain($"  {arn} (fence 1,");

        a.Kill(); // SIGKILL: no lease released, no goodbye
        await a.WaitForExitAsync(Ct);
        var killed = Stopwatch.StartNew();
        await CallAsync(urlB, "SendPipelineExecutionStepSuccess", $$"""{"CallbackToken": "{{token}}", "ClientRequestToken": "{{Guid.NewGuid()}}"}""");

        (await UntilEndedAsync(urlB, arn, TimeSpan.FromSeconds(30))).ShouldBe("Succeeded");
        TestContext.Current.TestOutputHelper?.WriteLine($"kill -9 to Succeeded on the other server: {killed.Elapsed.TotalSeconds:F1} s (lease 3 s)");
        killed.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10)); // lease 3 s, heartbeat every 1 s, plus the Callback poll
        (await ScalarAsync("SELECT COUNT(*) FROM callbacks")).ShouldBe(1L); // the Callback step ran once, re-attached on B
    }

    [Fact]
    public async Task Serve_ManyStartsOnTwoServers_EachExecutionRunsOnceAndTokensAnswerAnywhere()
    {
        var (_, urlA) = await StartAsync("a");
        var (_, urlB) = await StartAsync("b");
        await CallAsync(urlB, "CreatePipeline", $$"""{"PipelineName": "waits", "RoleArn": "arn:aws:iam::111122223333:role/R", "ClientRequestToken": "{{Guid.NewGuid()}}", "PipelineDefinition": {{JsonSerializer.Serialize(Definition)}}}""");

        var requests = Enumerable.Range(0, 24).Select(i => (Url: i % 2 == 0 ? urlA : urlB, Token: Guid.NewGuid().ToString())).ToList();
        var arns = await Task.WhenAll(requests.Select(async r =>
            Field(await CallAsync(r.Url, "StartPipelineExecution", $$"""{"PipelineName": "waits", "ClientRequestToken": "{{r.Token}}"}"""), "PipelineExecutionArn")));
        var retried = Field(
            await CallAsync(urlB, "StartPipelineExecution", $$"""{"PipelineName": "waits", "ClientRequestToken": "{{requests[0].Token}}"}"""),
            "PipelineExecutionArn");

        retried.ShouldBe(arns[0]); // the same ClientRequestToken on the other server gets the first answer
        arns.Distinct().Count().ShouldBe(24);
        var tokens = await Task.WhenAll(arns.Select((arn, i) => TokenAsync(i % 2 == 0 ? urlB : urlA, arn)));
        await Task.WhenAll(tokens.Select((token, i) => CallAsync(i % 2 == 0 ? urlA : urlB, "SendPipelineExecutionStepSuccess", $$"""{"CallbackToken": "{{token}}", "ClientRequestToken": "{{Guid.NewGuid()}}"}""")));
        foreach (var arn in arns)
        {
            (await UntilEndedAsync(urlA, arn, TimeSpan.FromSeconds(30))).ShouldBe("Succeeded");
        }

        (await ScalarAsync("SELECT string_agg(execution_arn || ' fence ' || fence, ', ') FROM execution_leases WHERE fence > 1")).ShouldBe(DBNull.Value); // no takeovers
        (await ScalarAsync("SELECT COUNT(*) FROM callbacks")).ShouldBe(24L); // one Callback run per execution
        (await ScalarAsync("SELECT COUNT(*) FROM messages")).ShouldBe(24L);
        (await ScalarAsync("SELECT COUNT(*) FROM executions WHERE status <> 'Succeeded'")).ShouldBe(0L);
    }

    private static string Field(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(name).GetString()!;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connection);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }

    private async Task<string> UntilEndedAsync(string url, string arn, TimeSpan timeout)
    {
        var status = "Executing";
        var clock = Stopwatch.StartNew();
        while (status is "Executing" or "Stopping" && clock.Elapsed < timeout)
        {
            await Task.Delay(50, Ct);
            status = Field(await CallAsync(url, "DescribePipelineExecution", $$"""{"PipelineExecutionArn": "{{arn}}"}"""), "PipelineExecutionStatus");
        }

        return status;
    }

    private async Task<string> TokenAsync(string url, string arn)
    {
        var steps = string.Empty;
        for (var i = 0; i < 500; i++)
        {
            steps = await CallAsync(url, "ListPipelineExecutionSteps", $$"""{"PipelineExecutionArn": "{{arn}}"}""");
            using var document = JsonDocument.Parse(steps);
            foreach (var step in document.RootElement.GetProperty("PipelineExecutionSteps").EnumerateArray())
            {
                if (step.TryGetProperty("Metadata", out var metadata) && metadata.TryGetProperty("Callback", out var callback))
                {
                    return callback.GetProperty("CallbackToken").GetString()!;
                }
            }

            await Task.Delay(20, Ct);
        }

        throw new TimeoutException("no callback token: " + steps);
    }

    private async Task<string> CallAsync(string url, string operation, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        content.Headers.Add("X-Amz-Target", "SageMaker." + operation);
        using var response = await _http.PostAsync(new Uri(url + "/"), content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return text;
    }

    private async Task<(Process Server, string Url)> StartAsync(string name, bool storeOption = false)
    {
        int port;
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            port = ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        var url = $"http://127.0.0.1:{port}";
        var data = Directory.CreateDirectory(Path.Combine(_data, name)).FullName;
        var server = Process.Start(new ProcessStartInfo(
            Path.Combine(AppContext.BaseDirectory, "sluice"),
            [
                "serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--data", data, "--config", Path.Combine(_data, "sluice.yaml"), "--quiet",
                .. storeOption ? (string[])["--store", _uri] : [],
            ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _servers.Add(server);
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var health = await _http.GetAsync(new Uri(url + "/health"), Ct);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return (server, url);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"sluice serve ({name}) did not answer /health in time");
    }
}
