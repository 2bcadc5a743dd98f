using System.Text.Json.Nodes;
using Sluice.Concourse.Tests.Support;

namespace Sluice.Concourse.Tests.Put;

/// <summary>out without waiting, run as Concourse runs it, against an in-process sluice serve.</summary>
public sealed class PutCommandTests(ResourceAssets assets) : IAsyncLifetime
{
    private readonly Support.Concourse _concourse = new(assets);
    private readonly TempDirectory _sources = new();
    private SluiceServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await SluiceServer.StartAsync();
        await _server.CreatePipelineAsync("train", SamplePipelines.Instant());
    }

    public async ValueTask DisposeAsync()
    {
        _sources.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Out_WithParameters_StartsExecutionWithThemAndReportsThem()
    {
        var parameters = new JsonObject { ["parameters"] = new JsonObject { ["Threshold"] = 7, ["Mode"] = "thorough" } };

        var result = (await _concourse.OutAsync(_server.Source("train"), parameters, _sources.Path)).ShouldSucceed();

        var arn = result.Json["version"]!["execution_arn"]!.GetValue<string>();
        (await _server.ExecutionsAsync("train")).Single().PipelineExecutionArn.ShouldBe(arn);
        (await ParametersOfAsync(arn)).ShouldBe(new Dictionary<string, string> { ["Threshold"] = "7", ["Mode"] = "thorough" });
        result.Metadata["Parameter: Threshold"].ShouldBe("7");
        result.Metadata["Parameter: Mode"].ShouldBe("thorough");
        result.PlainLog.ShouldContain($"Started {arn}");
    }

    [Fact]
    public async Task Out_DisplayNameAndDescription_AreSetWithBuildVariablesExpanded()
    {
        var parameters = new JsonObject { ["display_name"] = "ci-$BUILD_NAME", ["description"] = "From ${BUILD_JOB_NAME} in $BUILD_TEAM_NAME" };

        var result = (await _concourse.OutAsync(_server.Source("train"), parameters, _sources.Path)).ShouldSucceed();

        var execution = await DescribeAsync(result);
        execution.PipelineExecutionDisplayName.ShouldBe("ci-42");
        execution.PipelineExecutionDescription.ShouldBe("From my-job in my-team");
        result.Metadata["Display Name"].ShouldBe("ci-42");
        result.Metadata["Description"].ShouldBe("From my-job in my-team");
    }

    [Fact]
    public async Task Out_NoDescription_UsesTheBuildDefault()
    {
        var result = (await _concourse.OutAsync(_server.Source("train"), new JsonObject(), _sources.Path)).ShouldSucceed();

        (await DescribeAsync(result)).PipelineExecutionDescription.ShouldBe("Execution from build #12345678 of pipeline my-pipeline");
        result.Metadata.Keys.ShouldNotContain("Display Name");
    }

    [Fact]
    public async Task Out_OneOffBuildWithoutPipelineName_DescribesTheBuildAlone()
    {
        var environment = new Dictionary<string, string> { ["BUILD_ID"] = "99", ["BUILD_NAME"] = "1", ["BUILD_TEAM_NAME"] = "main", ["ATC_EXTERNAL_URL"] = "https://ci" };

        var result = (await _concourse.OutAsync(_server.Source("train"), new JsonObject(), _sources.Path, environment)).ShouldSucceed();

        (await DescribeAsync(result)).PipelineExecutionDescription.ShouldBe("Execution from one-off build #99");
    }

    [Fact]
    public async Task Out_ParametersFileYaml_IsReadAndParametersWin()
    {
        _sources.Write("repo/ci/params.yaml", "# training settings\nThreshold: 3\nMode: 'from-file'\n");
        var parameters = new JsonObject
        {
            ["parameters_file"] = "repo/ci/params.yaml",
            ["parameters"] = new JsonObject { ["Threshold"] = "11" },
        };

        var result = (await _concourse.OutAsync(_server.Source("train"), parameters, _sources.Path)).ShouldSucceed();

        var arn = result.Json["version"]!["execution_arn"]!.GetValue<string>();
        (await ParametersOfAsync(arn)).ShouldBe(new Dictionary<string, string> { ["Threshold"] = "11", ["Mode"] = "from-file" });
    }

    [Fact]
    public async Task Out_ParametersFileJson_IsRead()
    {
        _sources.Write("config/params.json", """{"Threshold": 4, "Mode": "json"}""");

        var result = (await _concourse.OutAsync(_server.Source("train"), new JsonObject { ["parameters_file"] = "config/params.json" }, _sources.Path)).ShouldSucceed();

        var arn = result.Json["version"]!["execution_arn"]!.GetValue<string>();
        (await ParametersOfAsync(arn)).ShouldBe(new Dictionary<string, string> { ["Threshold"] = "4", ["Mode"] = "json" });
        result.Metadata["Parameter: Mode"].ShouldBe("json");
    }

    [Fact]
    public async Task Out_ParametersFileMissing_FailsNamingTheInputs()
    {
        _sources.Write("repo/README", "inputs");

        var result = (await _concourse.OutAsync(_server.Source("train"), new JsonObject { ["parameters_file"] = "rpo/params.yaml" }, _sources.Path)).ShouldFail();

        result.PlainLog.ShouldContain("params.parameters_file 'rpo/params.yaml' does not exist");
        result.PlainLog.ShouldContain(": repo");
        (await _server.ExecutionsAsync("train")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Out_UnknownPipelineParameter_FailsWithSageMakersReason()
    {
        var parameters = new JsonObject { ["parameters"] = new JsonObject { ["Treshold"] = 7 } };

        var result = (await _concourse.OutAsync(_server.Source("train"), parameters, _sources.Path)).ShouldFail();

        result.PlainLog.ShouldContain("SageMaker refused to start the pipeline 'train'");
        result.PlainLog.ShouldContain("Treshold");
    }

    [Fact]
    public async Task Out_ParameterValueIsAList_FailsNamingIt()
    {
        var parameters = new JsonObject { ["parameters"] = new JsonObject { ["Threshold"] = new JsonArray(1, 2) } };

        var result = (await _concourse.OutAsync(_server.Source("train"), parameters, _sources.Path)).ShouldFail();

        result.PlainLog.ShouldContain("params.parameters.Threshold is a list");
    }

    private async Task<Dictionary<string, string>> ParametersOfAsync(string arn)
    {
        var values = new Dictionary<string, string>();
        await foreach (var parameter in _server.Client.ListAllPipelineParametersForExecutionAsync(new() { PipelineExecutionArn = arn }, TestContext.Current.CancellationToken))
        {
            values[parameter.Name] = parameter.Value;
        }

        return values;
    }

    private Task<Client.SageMaker.Executions.DescribePipelineExecutionResponse> DescribeAsync(ResourceResult result) =>
        _server.Client.DescribePipelineExecutionAsync(
            new() { PipelineExecutionArn = result.Json["version"]!["execution_arn"]!.GetValue<string>() },
            TestContext.Current.CancellationToken);
}
