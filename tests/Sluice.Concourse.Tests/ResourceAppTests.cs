using System.Text.Json.Nodes;
using Sluice.Concourse.Tests.Support;

namespace Sluice.Concourse.Tests;

/// <summary>The scripts' command line and input handling, run as Concourse runs them.</summary>
public sealed class ResourceAppTests(ResourceAssets assets)
{
    private readonly Support.Concourse _concourse = new(assets);

    [Fact]
    public async Task In_NoDirectory_FailsWithUsage()
    {
        var result = await _concourse.RunAsync("in", new JsonObject(), null, Support.Concourse.BuildEnvironment);

        result.ExitCode.ShouldBe(2);
        result.Output.ShouldBeEmpty();
        result.PlainLog.ShouldContain("'in' takes one argument, the directory");
    }

    [Fact]
    public async Task Out_MissingDirectory_FailsNamingIt()
    {
        var result = await _concourse.RunAsync("out", new JsonObject(), "/nonexistent/sources", Support.Concourse.BuildEnvironment);

        result.ExitCode.ShouldBe(2);
        result.PlainLog.ShouldContain("the directory '/nonexistent/sources' does not exist");
    }

    [Fact]
    public async Task Check_RequestNotAnObject_FailsClearly()
    {
        var result = (await _concourse.RunAsync("check", JsonValue.Create("hello")!, null, new Dictionary<string, string>())).ShouldFail();

        result.PlainLog.ShouldContain("the request on standard input is not a JSON object");
    }

    [Fact]
    public async Task Check_NoSource_SaysPipelineIsNeeded()
    {
        var result = (await _concourse.RunAsync("check", new JsonObject(), null, new Dictionary<string, string>())).ShouldFail();

        result.PlainLog.ShouldContain("source is missing; it needs at least 'pipeline'");
    }

    [Fact]
    public async Task Check_NoRegionNoEndpointEmptyEnvironment_SaysWhereToSetTheRegion()
    {
        var source = new JsonObject { ["pipeline"] = "demo", ["access_key_id"] = "AKID", ["secret_access_key"] = "secret" };

        var result = (await _concourse.CheckAsync(source)).ShouldFail();

        result.PlainLog.ShouldContain("no AWS region: set source.region");
    }

    [Fact]
    public async Task Check_NoCredentialsNoEndpoint_SaysWhereToSetThem()
    {
        var result = (await _concourse.CheckAsync(new JsonObject { ["pipeline"] = "demo", ["region"] = "eu-west-1" })).ShouldFail();

        result.PlainLog.ShouldContain("no AWS credentials: set source.access_key_id and source.secret_access_key");
    }
}
