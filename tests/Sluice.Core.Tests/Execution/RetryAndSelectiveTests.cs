using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Core.Tests.Support;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Execution;

public sealed class RetryAndSelectiveTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-retry-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Run_RetryPolicyOnServiceFault_RetriesWithBackoffAndCountsAttempts()
    {
        var hits = new List<DateTimeOffset>();
        EngineHarness? harness = null;
        using var server = LoopbackServer.Start(_ =>
        {
            lock (hits)
            {
                hits.Add(harness!.Time.GetUtcNow());
            }

            return (500, "{\"message\": \"internal\"}");
        });
        harness = await EngineHarness.CreateAsync(SluiceConfiguration.Empty with
        {
            LambdaFunctions = new Dictionary<string, LambdaFunction> { ["flaky"] = new(null, server.Url, null, new Dictionary<string, string>(), null) },
        });
        await using var disposeHarness = harness;
        var step = Lambda("L", "flaky");
        step["RetryPolicies"] = JsonNode.Parse("""[{"ExceptionType": ["Step.SERVICE_FAULT"], "IntervalSeconds": 10, "BackoffRate": 2.0, "MaxAttempts": 3}]""");

        var execution = await harness.RunAsync(Definition(step));

        execution.Status.ShouldBe(ExecutionStatus.Failed);
        var record = (await harness.StepsAsync(execution.Arn)).Single();
        record.AttemptCount.ShouldBe(3);
        record.FailureReason.ShouldNotBeNull().ShouldContain("answered 500");
        hits.Count.ShouldBe(3);
        // The waits never end early on the engine's clock (the exact schedule is RetryDecisionTests').
        (hits[1] - hits[0]).TotalSeconds.ShouldBeGreaterThanOrEqualTo(10);
        (hits[2] - hits[1]).TotalSeconds.ShouldBeGreaterThanOrEqualTo(20);
    }

    [Fact]
    public async Task Run_FailureNoPolicyMatches_IsNotRetried()
    {
        await using var harness = await EngineHarness.CreateAsync(Config(("crash", "import sys; sys.exit(1)")));
        var step = Lambda("L", "crash");
        step["RetryPolicies"] = JsonNode.Parse("""[{"ExceptionType": ["Step.SERVICE_FAULT"], "MaxAttempts": 5}]""");

        var execution = await harness.RunAsync(Definition(step));

        (await harness.StepsAsync(execution.Arn)).Single().AttemptCount.ShouldBe(1);
    }

    [Fact]
    public async Task Retry_FailedExecution_RerunsOnlyFailedStepsAndCountsAttemptsOn()
    {
        var marker = Path.Combine(_work, "fixed");
        var log = Path.Combine(_work, "log");
        await using var harness = await EngineHarness.CreateAsync(Config(
            ("once", $"open('{log}', 'a').write('once\\n'); print('{{}}')"),
            ("needs-fix", $"import os, sys; open('{log}', 'a').write('fix\\n'); sys.exit(0 if os.path.exists('{marker}') else 2); print('{{}}')")));
        var definition = Definition(Lambda("First", "once"), Lambda("Second", "needs-fix", dependsOn: "First"), Lambda("Third", "once", dependsOn: "Second"));
        var failed = await harness.RunAsync(definition);
        failed.Status.ShouldBe(ExecutionStatus.Failed);

        await File.WriteAllTextAsync(marker, "yes", TestContext.Current.CancellationToken);
        (await harness.Engine.RetryExecutionAsync(failed.Arn, TestContext.Current.CancellationToken)).Status.ShouldBe(ExecutionStatus.Executing);
        var retried = await harness.WaitAsync(failed.Arn);

        retried.Status.ShouldBe(ExecutionStatus.Failed); // needs-fix prints nothing on success: its reply is not JSON
        var steps = await harness.StepsAsync(failed.Arn);
        steps.Single(s => s.StepName == "Second").AttemptCount.ShouldBe(2);
        (await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).ShouldBe(["once", "fix", "fix"]);
        harness.Engine.RunsHeld.ShouldBe(0); // the retried run is let go once it ends, like the first
    }

    [Fact]
    public async Task Retry_SucceededExecution_IsAConflict()
    {
        await using var harness = await EngineHarness.CreateAsync(Config(("ok", "print('{}')")));
        var execution = await harness.RunAsync(Definition(Lambda("L", "ok")));

        await Should.ThrowAsync<ConflictException>(() => harness.Engine.RetryExecutionAsync(execution.Arn, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Selective_OneStep_RunsItAloneAndTakesUpstreamOutputsFromTheSource()
    {
        var log = Path.Combine(_work, "log");
        await using var harness = await EngineHarness.CreateAsync(Config(
            ("a", $"open('{log}', 'a').write('A\\n'); print('{{\"v\": \"from-a\"}}')"),
            ("b", $"import json,sys; e=json.load(sys.stdin); open('{log}', 'a').write('B ' + e['in'] + '\\n'); print('{{}}')"),
            ("c", $"open('{log}', 'a').write('C\\n'); print('{{}}')")));
        var definition = Definition(
            Lambda("A", "a", outputs: [("v", "String")]),
            Lambda("B", "b", new JsonObject { ["in"] = Get("Steps.A.OutputParameters['v']") }),
            Lambda("C", "c", dependsOn: "B"));
        var source = await harness.RunAsync(definition);
        File.Delete(log);

        var selective = await harness.Engine.StartExecutionAsync(
            new StartExecutionRequest { PipelineName = "test-pipeline", Selective = new SelectiveExecution(source.Arn, ["B"]) },
            TestContext.Current.CancellationToken);
        var final = await harness.WaitAsync(selective.Arn);

        final.Status.ShouldBe(ExecutionStatus.Succeeded);
        (await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).ShouldBe(["B from-a"]);
        var steps = await harness.StepsAsync(selective.Arn);
        steps.Select(s => s.StepName).Order().ShouldBe(["A", "B"]);
        steps.Single(s => s.StepName == "A").SelectiveSourceExecutionArn.ShouldBe(source.Arn);
        final.SelectiveExecutionJson.ShouldNotBeNull().ShouldContain("\"StepName\": \"B\"");
    }

    [Fact]
    public async Task Selective_UpstreamDidNotSucceed_NamesTheSelectedStep()
    {
        await using var harness = await EngineHarness.CreateAsync(Config(("crash", "import sys; sys.exit(1)"), ("ok", "print('{}')")));
        var source = await harness.RunAsync(Definition(Lambda("A", "crash"), Lambda("B", "ok", dependsOn: "A")));

        var error = await Should.ThrowAsync<RequestValidationException>(() => harness.Engine.StartExecutionAsync(
            new StartExecutionRequest { PipelineName = "test-pipeline", Selective = new SelectiveExecution(source.Arn, ["B"]) },
            TestContext.Current.CancellationToken));

        error.Message.ShouldStartWith("Selected step 'B' depends on step 'A', which is not selected and did not succeed");
    }

    [Fact]
    public async Task Selective_UnknownStep_IsRefused()
    {
        await using var harness = await EngineHarness.CreateAsync(Config(("ok", "print('{}')")));
        var source = await harness.RunAsync(Definition(Lambda("A", "ok")));

        await Should.ThrowAsync<RequestValidationException>(() => harness.Engine.StartExecutionAsync(
            new StartExecutionRequest { PipelineName = "test-pipeline", Selective = new SelectiveExecution(source.Arn, ["Nope"]) },
            TestContext.Current.CancellationToken));
    }

    private static SluiceConfiguration Config(params (string Name, string Script)[] functions) => SluiceConfiguration.Empty with
    {
        LambdaFunctions = functions.ToDictionary(
            f => f.Name,
            f => new LambdaFunction(["python3", "-c", f.Script], null, null, new Dictionary<string, string>(), null)),
    };

    /// <summary>A real HTTP server on a loopback port that answers every request with the handler's status and body.</summary>
    private sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener _listener;

        private LoopbackServer(HttpListener listener, Uri url)
        {
            _listener = listener;
            Url = url;
        }

        public Uri Url { get; }

        public static LoopbackServer Start(Func<string, (int Status, string Body)> handler)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            var server = new LoopbackServer(listener, new Uri($"http://127.0.0.1:{port}/invoke"));
            _ = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    using var reader = new StreamReader(context.Request.InputStream);
                    var (status, body) = handler(await reader.ReadToEndAsync());
                    context.Response.StatusCode = status;
                    var bytes = Encoding.UTF8.GetBytes(body);
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
            });
            return server;
        }

        public void Dispose() => _listener.Close();

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
