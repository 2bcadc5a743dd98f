using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Commands;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_ValidExample_ExitsZeroAndSummarises()
    {
        var result = await CliRunner.RunAsync(["validate", CliRunner.Example]);

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldBe($"{CliRunner.Example}: valid: 8 steps, 6 parameters\n");
        result.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task Validate_InvalidDefinition_ExitsOneWithEveryErrorAndItsPlace()
    {
        var path = CliRunner.WriteTemp(BrokenExample());

        var result = await CliRunner.RunAsync(["validate", path]);

        result.ExitCode.ShouldBe(1);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);
        lines[0].ShouldMatch($@"^{Escape(path)}:\d+:\d+: error SLU104: Parameters\[3\] 'MaxDepth' DefaultValue: the default ""four"" is not an Integer$");
        lines[1].ShouldMatch($@"^{Escape(path)}:\d+:\d+: error SLU302: Steps\[1\] 'TrainModel' Arguments\.InputDataConfig\[0\]\.DataSource\.S3DataSource\.S3Uri: references step 'Prep', which does not exist \(did you mean 'PrepareData'\?\)$");
        lines[2].ShouldBe($"{path}: invalid: 2 errors");
    }

    [Fact]
    public async Task Validate_Json_PrintsProblemsWithPositions()
    {
        var path = CliRunner.WriteTemp(BrokenExample());

        var result = await CliRunner.RunAsync(["validate", "--json", path, CliRunner.Example]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldBeEmpty();
        var files = JsonNode.Parse(result.Out)!["files"]!.AsArray();
        files.Count.ShouldBe(2);
        files[0]!["valid"]!.GetValue<bool>().ShouldBeFalse();
        files[0]!["errors"]!.GetValue<int>().ShouldBe(2);
        var first = files[0]!["diagnostics"]![0]!;
        first["severity"]!.GetValue<string>().ShouldBe("error");
        first["code"]!.GetValue<string>().ShouldBe("SLU104");
        first["path"]!.GetValue<string>().ShouldBe("Parameters[3].DefaultValue");
        first["name"]!.GetValue<string>().ShouldBe("MaxDepth");
        first["line"]!.GetValue<int>().ShouldBeGreaterThan(1);
        files[1]!["valid"]!.GetValue<bool>().ShouldBeTrue();
        files[1]!["steps"]!.GetValue<int>().ShouldBe(8);
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(["validate", "/nonexistent/pipeline.json"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("/nonexistent/pipeline.json: no such file");
    }

    [Fact]
    public async Task Validate_Directory_ExitsTwoAndSaysSo()
    {
        var result = await CliRunner.RunAsync(["validate", Path.GetTempPath()]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("is a directory");
    }

    [Fact]
    public async Task Validate_ReadableInvalidAndUnreadable_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(["validate", CliRunner.WriteTemp("{}"), "/nonexistent.json"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("needs a Steps list");
    }

    [Fact]
    public async Task Validate_NoFile_IsAUsageError()
    {
        var result = await CliRunner.RunAsync(["validate"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("Run 'sluice validate --help' for usage.");
    }

    [Fact]
    public async Task Validate_UnknownOption_IsAUsageError()
    {
        var result = await CliRunner.RunAsync(["validate", "--strict", CliRunner.Example]);

        result.ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Validate_Stdin_ReadsTheDefinitionFromStandardInput()
    {
        var result = await CliRunner.RunProcessAsync(["validate", "-"], await File.ReadAllTextAsync(CliRunner.Example, TestContext.Current.CancellationToken));

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldBe("<stdin>: valid: 8 steps, 6 parameters\n");
    }

    [Fact]
    public async Task Validate_TruncatedStdin_ExitsOneWithTheLine()
    {
        var text = await File.ReadAllTextAsync(CliRunner.Example, TestContext.Current.CancellationToken);

        var result = await CliRunner.RunProcessAsync(["validate", "-"], text[..(text.Length / 2)]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldStartWith("<stdin>:1:");
        result.Error.ShouldContain("error SLU001");
        result.Error.ShouldContain("ends early");
        result.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var result = await CliRunner.RunProcessAsync(["--version"]);

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldStartWith("0.1.0");
    }

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var result = await CliRunner.RunAsync(["--help"]);

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("validate");
        result.Out.ShouldContain("graph");
    }

    private static string BrokenExample()
    {
        var definition = JsonNode.Parse(File.ReadAllText(CliRunner.Example))!;
        definition["Steps"]![1]!["Arguments"]!["InputDataConfig"]![0]!["DataSource"]!["S3DataSource"]!["S3Uri"] =
            new JsonObject { ["Get"] = "Steps.Prep.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri" };
        definition["Parameters"]![3]!["DefaultValue"] = "four";
        return definition.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
