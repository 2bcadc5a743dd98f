using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Client.SageMaker;
using Sluice.Concourse.Tests.Support;

namespace Sluice.Concourse.Tests.Get;

/// <summary>in, run as Concourse runs it, against an in-process sluice serve.</summary>
public sealed class GetCommandTests(ResourceAssets assets) : IAsyncLifetime
{
    private readonly Support.Concourse _concourse = new(assets);
    private readonly TempDirectory _destination = new();
    private SluiceServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await SluiceServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _destination.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task In_SucceededExecution_WritesMetadataDefinitionParametersAndSteps()
    {
        await _server.CreatePipelineAsync("train", SamplePipelines.Instant());
        var arn = await _server.RunAsync("train", new Parameter("Threshold", "7"));

        var result = (await _concourse.InAsync(_server.Source("train"), arn, _destination.Path)).ShouldSucceed();

        result.Json["version"]!["execution_arn"]!.GetValue<string>().ShouldBe(arn);
        _destination.Files().ShouldBe(["metadata.json", "parameters.json", "pipeline.json", "steps.json"]);
        var metadata = JsonNode.Parse(_destination.Read("metadata.json"))!;
        metadata["PipelineExecutionArn"]!.GetValue<string>().ShouldBe(arn);
        metadata["PipelineExecutionStatus"]!.GetValue<string>().ShouldBe("Succeeded");
        metadata["ResponseMetadata"].ShouldBeNull();
        var created = metadata["CreationTime"]!.GetValue<string>();
        created.ShouldMatch(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$");
        DateTimeOffset.Parse(created, CultureInfo.InvariantCulture).ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        JsonDocument.Parse(_destination.Read("pipeline.json")).RootElement.GetProperty("Steps")[0].GetProperty("Name").GetString().ShouldBe("CheckThreshold");
        var parameters = JsonNode.Parse(_destination.Read("parameters.json"))!;
        parameters["Threshold"]!.GetValue<string>().ShouldBe("7");
        parameters["Mode"]!.GetValue<string>().ShouldBe("fast");
        var steps = JsonNode.Parse(_destination.Read("steps.json"))!.AsArray();
        steps.Select(s => (string)s!["StepName"]!).ShouldBe(["CheckThreshold"]);
        steps[0]!["StepStatus"]!.GetValue<string>().ShouldBe("Succeeded");
        DateTimeOffset.TryParse(steps[0]!["StartTime"]!.GetValue<string>(), CultureInfo.InvariantCulture, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task In_SucceededExecution_ReportsMetadataWithTheServersIdentityAsCreatedBy()
    {
        await _server.CreatePipelineAsync("meta", SamplePipelines.Instant());
        var started = await _server.Client.StartPipelineExecutionAsync(
            new() { PipelineName = "meta", PipelineExecutionDisplayName = "nightly-7", PipelineExecutionDescription = "Nightly training" },
            TestContext.Current.CancellationToken);
        var arn = started.PipelineExecutionArn!;
        await _server.WaitAsync(arn);

        var result = (await _concourse.InAsync(_server.Source("meta"), arn, _destination.Path)).ShouldSucceed();

        result.Json["metadata"]!.AsArray().Select(m => (string)m!["name"]!).ShouldBe(["Display Name", "Status", "Created By", "Description"]);
        result.Metadata["Created By"].ShouldBe("arn:aws:iam::000000000000:user/sluice"); // sluice serve keeps no caller identities
        result.Metadata["Display Name"].ShouldBe("nightly-7");
        result.Metadata["Status"].ShouldBe("Succeeded");
        result.Metadata["Description"].ShouldBe("Nightly training");
    }

    [Fact]
    public async Task In_DownloadPipelineFalse_SkipsTheDefinition()
    {
        await _server.CreatePipelineAsync("nodef", SamplePipelines.Instant());
        var arn = await _server.RunAsync("nodef");

        (await _concourse.InAsync(_server.Source("nodef"), arn, _destination.Path, new JsonObject { ["download_pipeline"] = false })).ShouldSucceed();

        _destination.Files().ShouldBe(["metadata.json", "parameters.json", "steps.json"]);
    }

    [Fact]
    public async Task In_FileNamesGiven_WritesThere()
    {
        await _server.CreatePipelineAsync("names", SamplePipelines.Instant());
        var arn = await _server.RunAsync("names");
        var parameters = new JsonObject
        {
            ["metadata_file"] = "execution.json",
            ["pipeline_file"] = "definition/pipeline.json",
            ["parameters_file"] = "values.json",
            ["steps_file"] = "progress.json",
        };

        (await _concourse.InAsync(_server.Source("names"), arn, _destination.Path, parameters)).ShouldSucceed();

        _destination.Files().ShouldBe(["definition/pipeline.json", "execution.json", "progress.json", "values.json"]);
    }

    [Fact]
    public async Task In_FailedExecution_ReportsFailureReason()
    {
        await _server.CreatePipelineAsync("broken", SamplePipelines.Failing());
        var arn = await _server.RunAsync("broken", new Parameter("Threshold", "9"));

        var result = (await _concourse.InAsync(_server.Source("broken"), arn, _destination.Path)).ShouldSucceed();

        result.Metadata["Status"].ShouldBe("Failed");
        result.Metadata["Failure Reason"].ShouldContain("threshold 9 is too high");
        JsonNode.Parse(_destination.Read("metadata.json"))!["FailureReason"]!.GetValue<string>().ShouldContain("threshold 9 is too high");
        var step = JsonNode.Parse(_destination.Read("steps.json"))!.AsArray().Single()!;
        step["StepStatus"]!.GetValue<string>().ShouldBe("Failed");
    }

    [Fact]
    public async Task In_MissingVersion_FailsWithClearMessage()
    {
        var pipelineArn = await _server.CreatePipelineAsync("vanished", SamplePipelines.Instant());
        var missing = $"{pipelineArn}/execution/deleted00000";

        var result = (await _concourse.InAsync(_server.Source("vanished"), missing, _destination.Path)).ShouldFail();

        result.PlainLog.ShouldContain($"the execution {missing} no longer exists");
        _destination.Files().ShouldBeEmpty();
    }

    [Fact]
    public async Task In_UnknownParam_FailsNamingIt()
    {
        await _server.CreatePipelineAsync("typo", SamplePipelines.Instant());
        var arn = await _server.RunAsync("typo");

        var result = (await _concourse.InAsync(_server.Source("typo"), arn, _destination.Path, new JsonObject { ["download_pipelines"] = false })).ShouldFail();

        result.PlainLog.ShouldContain("params has an unknown key 'download_pipelines' (did you mean 'download_pipeline'?)");
    }
}
