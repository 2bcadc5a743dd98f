using System.Text.Json.Nodes;
using Sluice.Cli.Output;
using Sluice.Cli.Tests.Support;
using Sluice.Core.Execution;
using Sluice.Core.Storage;

namespace Sluice.Cli.Tests.Output;

/// <summary>The CLI's JSON writes quotes and non-ASCII text as they are, as the AWS CLI does.</summary>
public sealed class JsonOutputTests : IDisposable
{
    private const string Definition = """
        {"Version": "2020-12-01", "Steps": [
          {"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": "the model isn't good enough: MSE ≥ 3000 <sure>"}}]}
        """;

    private readonly string _work = Directory.CreateTempSubdirectory("sluice-json-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Run_Json_WritesApostrophesAndSymbolsUnescaped()
    {
        var file = Path.Combine(_work, "pipeline.json");
        File.WriteAllText(file, Definition);

        var result = await CliRunner.RunAsync(["run", file, "--data", Path.Combine(_work, "data"), "--json"]);

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain("\"FailureReason\": \"the model isn't good enough: MSE ≥ 3000 <sure>\"");
        result.Out.ShouldNotContain("\\u0027");
    }

    [Fact]
    public async Task Validate_Json_WritesTheMessagesQuotesUnescaped()
    {
        var file = Path.Combine(_work, "pipeline.json");
        File.WriteAllText(file, """{"Version": "2020-12-01", "Steps": [{"Name": "A", "Type": "Fail", "Arguments": {"ErrorMessage": "x"}, "DependsOn": ["Nope"]}]}""");

        var result = await CliRunner.RunAsync(["validate", "--json", file]);

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain("'Nope', which does not exist");
        JsonNode.Parse(result.Out)!["files"]![0]!["diagnostics"]![0]!["message"]!.GetValue<string>().ShouldContain("'Nope'");
    }

    [Fact]
    public void Write_LoneSurrogateInAReason_StaysValidJson()
    {
        var now = DateTimeOffset.UnixEpoch;
        var execution = new ExecutionRecord(
            "arn:aws:sagemaker:us-east-1:000000000000:pipeline/p/execution/e", "e", "p", "arn:aws:sagemaker:us-east-1:000000000000:pipeline/p", 1,
            ExecutionStatus.Failed, "bad \ud800 text", "d", null, [], null, null, now, now);

        var json = RunJson.Write(execution, [], null);

        JsonNode.Parse(json)!["PipelineExecution"]!["FailureReason"]!.GetValue<string>().ShouldStartWith("bad ");
    }
}
