using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Commands;

/// <summary>`executions`, `models` and `build` when what is asked for is not there.</summary>
public sealed class ListingCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-listing-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Data => Path.Combine(_work, "data");

    [Fact]
    public async Task Executions_PipelineFilterNamingNoPipeline_SaysSoWithASuggestion()
    {
        await RunTinyAsync();

        var result = await CliRunner.RunAsync(["executions", "--data", Data, "--pipeline", "tinny"]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldBe("sluice: there is no pipeline 'tinny' (did you mean 'tiny'?)\n");
    }

    [Fact]
    public async Task Executions_PipelineFilter_ListsOnlyThatPipeline()
    {
        await RunTinyAsync();

        var result = await CliRunner.RunAsync(["executions", "--data", Data, "--pipeline", "tiny"]);

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("Succeeded  tiny");
    }

    [Theory]
    [InlineData("executions")]
    [InlineData("models")]
    [InlineData("describe", "arn:aws:sagemaker:us-east-1:000000000000:pipeline/tiny/execution/x")]
    [InlineData("logs", "arn:aws:sagemaker:us-east-1:000000000000:pipeline/tiny/execution/x", "Check")]
    [InlineData("queue", "receive", "callbacks")]
    public async Task StoreCommands_ConfigNamingAnUnknownStore_RefuseNamingTheFileAndKey(params string[] command)
    {
        var config = Path.Combine(_work, "sluice.yaml");
        File.WriteAllText(config, "store: sqlte\n");

        var result = await CliRunner.RunAsync([.. command, "--data", Data, "--config", config]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"sluice: {config}:1: store: 'sqlte' is not a store backend (did you mean 'sqlite'?); supported: sqlite, postgres\n");
        Directory.Exists(Data).ShouldBeFalse();
    }

    [Fact]
    public async Task Executions_ConfigNamingTheStore_ReadsTheStoreItNames()
    {
        await RunTinyAsync();
        var config = Path.Combine(_work, "sluice.yaml");
        File.WriteAllText(config, "store: sqlite\n");

        var result = await CliRunner.RunAsync(["executions", "--data", Data, "--config", config]);

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("Succeeded  tiny");
    }

    [Fact]
    public async Task Models_GroupFilterMatchingNothing_NamesTheGroupNotAnEmptyRegistry()
    {
        var result = await CliRunner.RunAsync(["models", "--data", Data, "--group", "churn"]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldBe("sluice: there is no model package group 'churn'\n");
    }

    [Fact]
    public async Task Build_MissingDirectory_IsAUsageError()
    {
        var result = await CliRunner.RunAsync(["build", Path.Combine(_work, "nonexistent"), "--env", "dev"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"sluice: {Path.Combine(_work, "nonexistent")}: no such configuration directory\n");
    }

    private async Task RunTinyAsync()
    {
        var file = Path.Combine(_work, "tiny.json");
        File.WriteAllText(file, """
            {"Version": "2020-12-01", "Steps": [{"Name": "Check", "Type": "Condition", "Arguments": {
              "Conditions": [{"Type": "Equals", "LeftValue": 1, "RightValue": 1}], "IfSteps": [], "ElseSteps": []}}]}
            """);
        (await CliRunner.RunAsync(["run", file, "--data", Data])).ExitCode.ShouldBe(0);
    }
}
