using System.Diagnostics;
using System.Text.Json.Nodes;
using Sluice.Concourse.Tests.Support;

namespace Sluice.Concourse.Tests.Put;

/// <summary>out with <c>wait: true</c>, run as Concourse runs it, against an in-process sluice serve whose Callback steps the tests answer.</summary>
public sealed class PutWaitTests(ResourceAssets assets) : IAsyncLifetime
{
    private readonly Support.Concourse _concourse = new(assets);
    private readonly TempDirectory _sources = new();
    private SluiceServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await SluiceServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _sources.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Out_WaitAndExecutionSucceeds_BlocksUntilItEndsAndStreamsSteps()
    {
        await _server.CreatePipelineAsync("gated", SamplePipelines.Gated());
        using var put = StartOut("gated", new JsonObject { ["wait"] = true, ["poll_interval"] = "100ms", ["wait_timeout"] = "1m" });

        await put.WaitForLogAsync(@"Gate\s+Executing");
        put.HasExited.ShouldBeFalse("the put returned before the execution ended");
        var arn = (await _server.ExecutionsAsync("gated")).Single().PipelineExecutionArn!;
        await _server.OpenGateAsync(arn);
        var result = (await put.FinishAsync()).ShouldSucceed();

        result.Json["version"]!["execution_arn"]!.GetValue<string>().ShouldBe(arn);
        result.Metadata["Status"].ShouldBe("Succeeded");
        var log = result.PlainLog;
        log.ShouldMatch(@"Gate\s+Executing");
        log.ShouldMatch(@"Gate\s+Succeeded");
        log.ShouldMatch(@"AfterGate\s+Succeeded");
        log.IndexOf("Executing", StringComparison.Ordinal).ShouldBeLessThan(log.IndexOf("AfterGate", StringComparison.Ordinal));
        log.ShouldContain("Execution Succeeded after");
    }

    [Fact]
    public async Task Out_WaitAndExecutionFails_FailsThePutWithTheReason()
    {
        await _server.CreatePipelineAsync("failing", SamplePipelines.Failing());
        var parameters = new JsonObject { ["wait"] = true, ["poll_interval"] = "100ms", ["parameters"] = new JsonObject { ["Threshold"] = 12 } };

        var result = (await _concourse.OutAsync(_server.Source("failing"), parameters, _sources.Path)).ShouldFail();

        var arn = (await _server.ExecutionsAsync("failing")).Single().PipelineExecutionArn;
        result.PlainLog.ShouldMatch(@"Reject\s+Failed: threshold 12 is too high");
        result.PlainLog.ShouldContain($"the execution {arn} ended Failed: threshold 12 is too high");
    }

    [Fact]
    public async Task Out_WaitAndCallbackFails_FailsThePut()
    {
        await _server.CreatePipelineAsync("refused", SamplePipelines.Gated());
        using var put = StartOut("refused", new JsonObject { ["wait"] = true, ["poll_interval"] = "100ms" });

        await put.WaitForLogAsync(@"Gate\s+Executing");
        var arn = (await _server.ExecutionsAsync("refused")).Single().PipelineExecutionArn!;
        await _server.OpenGateAsync(arn, succeed: false);
        var result = (await put.FinishAsync()).ShouldFail();

        result.PlainLog.ShouldMatch(@"Gate\s+Failed: the gate refused");
        result.PlainLog.ShouldContain($"the execution {arn} ended Failed");
    }

    [Fact]
    public async Task Out_WaitTimesOut_FailsAndLeavesTheExecutionRunning()
    {
        await _server.CreatePipelineAsync("slow", SamplePipelines.Gated());
        var parameters = new JsonObject { ["wait"] = true, ["wait_timeout"] = "1s", ["poll_interval"] = "200ms" };
        var watch = Stopwatch.StartNew();

        var result = (await _concourse.OutAsync(_server.Source("slow"), parameters, _sources.Path)).ShouldFail();

        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        var execution = (await _server.ExecutionsAsync("slow")).Single();
        execution.PipelineExecutionStatus.ShouldBe("Executing");
        result.PlainLog.ShouldContain($"gave up waiting after 1.0s (params.wait_timeout): the execution {execution.PipelineExecutionArn} is still Executing");
    }

    [Fact]
    public async Task Out_WaitInterrupted_FailsAndLeavesTheExecutionRunning()
    {
        await _server.CreatePipelineAsync("aborted", SamplePipelines.Gated());
        using var put = StartOut("aborted", new JsonObject { ["wait"] = true, ["poll_interval"] = "100ms" });
        await put.WaitForLogAsync(@"Gate\s+Executing");

        // As Concourse does when a build is aborted: SIGTERM (the script exec'd the binary, so this is its process).
        using (var kill = Process.Start("/bin/sh", ["-c", "kill -TERM \"$0\"", put.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var result = (await put.FinishAsync()).ShouldFail();
        result.PlainLog.ShouldContain("interrupted");
        (await _server.ExecutionsAsync("aborted")).Single().PipelineExecutionStatus.ShouldBe("Executing");
    }

    [Fact]
    public async Task Out_BadWaitTimeout_FailsNamingTheKeyBeforeStarting()
    {
        await _server.CreatePipelineAsync("never", SamplePipelines.Instant());

        var result = (await _concourse.OutAsync(_server.Source("never"), new JsonObject { ["wait"] = true, ["wait_timeout"] = "soon" }, _sources.Path)).ShouldFail();

        result.PlainLog.ShouldContain("params.wait_timeout 'soon' is not a duration");
        (await _server.ExecutionsAsync("never")).ShouldBeEmpty();
    }

    private RunningResource StartOut(string pipeline, JsonObject parameters) =>
        _concourse.Start("out", new JsonObject { ["source"] = _server.Source(pipeline), ["params"] = parameters }, _sources.Path, Support.Concourse.BuildEnvironment);
}
