using System.Text.Json.Nodes;
using Sluice.Concourse.Tests.Support;

namespace Sluice.Concourse.Tests.Check;

/// <summary>check, run as Concourse runs it, against an in-process sluice serve.</summary>
public sealed class CheckCommandTests(ResourceAssets assets) : IAsyncLifetime
{
    private readonly Support.Concourse _concourse = new(assets);
    private SluiceServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await SluiceServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Check_NoExecutions_ReturnsEmptyList()
    {
        await _server.CreatePipelineAsync("empty", SamplePipelines.Instant());

        var result = (await _concourse.CheckAsync(_server.Source("empty"))).ShouldSucceed();

        result.Output.Trim().ShouldBe("[]");
    }

    [Fact]
    public async Task Check_FirstCheck_ReturnsOnlyTheNewestFinishedExecution()
    {
        await _server.CreatePipelineAsync("first", SamplePipelines.Gated());
        var older = await _server.StartAsync("first");
        await _server.OpenGateAsync(older);
        var newer = await _server.StartAsync("first");
        await _server.OpenGateAsync(newer);
        await _server.StartAsync("first"); // still running: not a version yet

        var result = (await _concourse.CheckAsync(_server.Source("first"))).ShouldSucceed();

        result.VersionArns.ShouldBe([newer]);
    }

    [Fact]
    public async Task Check_GivenVersion_ReturnsItAndEveryNewerOneOldestFirst()
    {
        await _server.CreatePipelineAsync("later", SamplePipelines.Instant());
        var first = await _server.RunAsync("later");
        var second = await _server.RunAsync("later");
        var third = await _server.RunAsync("later");
        var fourth = await _server.RunAsync("later");

        var result = (await _concourse.CheckAsync(_server.Source("later"), second)).ShouldSucceed();

        result.VersionArns.ShouldBe([second, third, fourth]);
        result.VersionArns.ShouldNotContain(first);
    }

    [Fact]
    public async Task Check_GivenNewestVersion_ReturnsOnlyIt()
    {
        await _server.CreatePipelineAsync("same", SamplePipelines.Instant());
        await _server.RunAsync("same");
        var newest = await _server.RunAsync("same");

        var result = (await _concourse.CheckAsync(_server.Source("same"), newest)).ShouldSucceed();

        result.VersionArns.ShouldBe([newest]);
    }

    [Fact]
    public async Task Check_GivenVersionGone_ReturnsOnlyTheNewest()
    {
        var pipelineArn = await _server.CreatePipelineAsync("gone", SamplePipelines.Instant());
        await _server.RunAsync("gone");
        var newest = await _server.RunAsync("gone");

        var result = (await _concourse.CheckAsync(_server.Source("gone"), $"{pipelineArn}/execution/deleted00000")).ShouldSucceed();

        result.VersionArns.ShouldBe([newest]);
    }

    [Fact]
    public async Task Check_GivenVersionGoneAndNothingMatches_ReturnsEmptyList()
    {
        var pipelineArn = await _server.CreatePipelineAsync("nothing", SamplePipelines.Gated());
        await _server.StartAsync("nothing"); // running, so it does not match

        var result = (await _concourse.CheckAsync(_server.Source("nothing"), $"{pipelineArn}/execution/deleted00000")).ShouldSucceed();

        result.Output.Trim().ShouldBe("[]");
    }

    [Fact]
    public async Task Check_RunningExecutionFinishes_NextCheckReturnsIt()
    {
        await _server.CreatePipelineAsync("progress", SamplePipelines.Gated());
        var done = await _server.StartAsync("progress");
        await _server.OpenGateAsync(done);
        var running = await _server.StartAsync("progress");
        var before = (await _concourse.CheckAsync(_server.Source("progress"), done)).ShouldSucceed();

        await _server.OpenGateAsync(running);
        var after = (await _concourse.CheckAsync(_server.Source("progress"), done)).ShouldSucceed();

        before.VersionArns.ShouldBe([done]);
        after.VersionArns.ShouldBe([done, running]);
    }

    [Fact]
    public async Task Check_DefaultStatuses_IncludeFailedAndStoppedButNotRunning()
    {
        await _server.CreatePipelineAsync("mixed", SamplePipelines.Gated());
        var succeeded = await _server.StartAsync("mixed");
        await _server.OpenGateAsync(succeeded);
        var failed = await _server.StartAsync("mixed");
        await _server.OpenGateAsync(failed, succeed: false);
        var stopped = await _server.StartAsync("mixed");
        await _server.CallbackTokenAsync(stopped);
        await _server.Client.StopPipelineExecutionAsync(new() { PipelineExecutionArn = stopped }, TestContext.Current.CancellationToken);
        (await _server.OpenGateAsync(stopped, succeed: false)).PipelineExecutionStatus.ShouldBe("Stopped");
        await _server.StartAsync("mixed");

        var result = (await _concourse.CheckAsync(_server.Source("mixed"), succeeded)).ShouldSucceed();

        result.VersionArns.ShouldBe([succeeded, failed, stopped]);
    }

    [Fact]
    public async Task Check_StatusesGiven_ReturnsOnlyThoseStatuses()
    {
        await _server.CreatePipelineAsync("statuses", SamplePipelines.Gated());
        var failed = await _server.StartAsync("statuses");
        await _server.OpenGateAsync(failed, succeed: false);
        var succeeded = await _server.StartAsync("statuses");
        await _server.OpenGateAsync(succeeded);
        var source = _server.Source("statuses");
        source["statuses"] = new JsonArray("failed");

        var result = (await _concourse.CheckAsync(source)).ShouldSucceed();

        result.VersionArns.ShouldBe([failed]);
    }

    [Fact]
    public async Task Check_StatusesIncludeExecuting_ReturnsRunningExecution()
    {
        await _server.CreatePipelineAsync("running", SamplePipelines.Gated());
        var running = await _server.StartAsync("running");
        var source = _server.Source("running");
        source["statuses"] = new JsonArray("Executing");

        var result = (await _concourse.CheckAsync(source)).ShouldSucceed();

        result.VersionArns.ShouldBe([running]);
    }

    [Fact]
    public async Task Check_VersionOnALaterPage_FollowsPagesToIt()
    {
        await _server.CreatePipelineAsync("paged", SamplePipelines.Instant());
        var arns = new List<string>();
        for (var i = 0; i < 56; i++)
        {
            arns.Add(await _server.RunAsync("paged"));
        }

        // 50 executions a page: the third-oldest is on the second page.
        var result = (await _concourse.CheckAsync(_server.Source("paged"), arns[2])).ShouldSucceed();

        result.VersionArns.ShouldBe(arns[2..]);
    }

    [Fact]
    public async Task Check_OnlyOldestMatchesOnTheLastPage_FindsIt()
    {
        await _server.CreatePipelineAsync("lastpage", SamplePipelines.Failing());
        var failed = await _server.RunAsync("lastpage");
        await _server.Client.UpdatePipelineAsync(new() { PipelineName = "lastpage", PipelineDefinition = SamplePipelines.Instant() }, TestContext.Current.CancellationToken);
        for (var i = 0; i < 52; i++)
        {
            await _server.RunAsync("lastpage");
        }

        var source = _server.Source("lastpage");
        source["statuses"] = new JsonArray("Failed");

        var result = (await _concourse.CheckAsync(source)).ShouldSucceed();

        result.VersionArns.ShouldBe([failed]);
    }

    [Fact]
    public async Task Check_PipelineAsArn_ReadsNameFromRealArnFormat()
    {
        var pipelineArn = await _server.CreatePipelineAsync("by-arn", SamplePipelines.Instant());
        var newest = await _server.RunAsync("by-arn");
        var source = _server.Source(pipelineArn);
        source.Remove("region");

        var result = (await _concourse.CheckAsync(source)).ShouldSucceed();

        pipelineArn.ShouldContain(":pipeline/by-arn");
        result.VersionArns.ShouldBe([newest]);
    }

    [Fact]
    public async Task Check_PipelineInSeedArnForm_IsTolerated()
    {
        await _server.CreatePipelineAsync("seed-form", SamplePipelines.Instant());
        var newest = await _server.RunAsync("seed-form");

        var result = (await _concourse.CheckAsync(_server.Source("arn:aws:sagemaker:us-east-1:000000000000:pipeline:seed-form"))).ShouldSucceed();

        result.VersionArns.ShouldBe([newest]);
    }

    [Fact]
    public async Task Check_CredentialsFromEnvironment_AreUsed()
    {
        await _server.CreatePipelineAsync("env-creds", SamplePipelines.Instant());
        var newest = await _server.RunAsync("env-creds");
        var source = new JsonObject { ["pipeline"] = "env-creds", ["endpoint"] = _server.Endpoint.ToString() };
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "secret",
            ["AWS_REGION"] = "eu-west-1",
        };

        var result = (await _concourse.CheckAsync(source, environment: environment)).ShouldSucceed();

        result.VersionArns.ShouldBe([newest]);
        result.PlainLog.ShouldNotContain("unsigned");
    }

    [Fact]
    public async Task Check_EndpointFromEnvironment_IsUsed()
    {
        await _server.CreatePipelineAsync("env-endpoint", SamplePipelines.Instant());
        var newest = await _server.RunAsync("env-endpoint");
        var environment = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_SAGEMAKER"] = _server.Endpoint.ToString() };

        var result = (await _concourse.CheckAsync(new JsonObject { ["pipeline"] = "env-endpoint" }, environment: environment)).ShouldSucceed();

        result.VersionArns.ShouldBe([newest]);
    }

    [Fact]
    public async Task Check_PartialCredentialsInEnvironment_FailsRatherThanGoingUnsigned()
    {
        var environment = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE" };

        var result = (await _concourse.CheckAsync(new JsonObject { ["pipeline"] = "any", ["endpoint"] = _server.Endpoint.ToString() }, environment: environment)).ShouldFail();

        result.PlainLog.ShouldContain("AWS_SECRET_ACCESS_KEY");
    }

    [Fact]
    public async Task Check_NoCredentialsAnywhereWithEndpoint_SendsUnsignedRequests()
    {
        await _server.CreatePipelineAsync("anonymous", SamplePipelines.Instant());
        var newest = await _server.RunAsync("anonymous");

        var result = (await _concourse.CheckAsync(new JsonObject { ["pipeline"] = "anonymous", ["endpoint"] = _server.Endpoint.ToString() })).ShouldSucceed();

        result.VersionArns.ShouldBe([newest]);
        result.PlainLog.ShouldContain("unsigned");
    }

    [Fact]
    public async Task Check_PipelineMissing_FailsNamingIt()
    {
        var result = (await _concourse.CheckAsync(_server.Source("no-such-pipeline"))).ShouldFail();

        result.PlainLog.ShouldContain("the pipeline 'no-such-pipeline' does not exist");
    }

    [Fact]
    public async Task Check_BadSource_FailsNamingTheKey()
    {
        var source = _server.Source("any");
        source["statuses"] = new JsonArray("Finished");

        var result = (await _concourse.CheckAsync(source)).ShouldFail();

        result.PlainLog.ShouldContain("source.statuses has 'Finished'");
    }
}
