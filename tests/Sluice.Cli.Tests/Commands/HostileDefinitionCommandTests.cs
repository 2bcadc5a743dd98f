using System.Text;
using System.Text.Json.Nodes;
using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Commands;

/// <summary>Definitions that once made the commands print an unhandled exception: now each is a diagnostic.</summary>
public sealed class HostileDefinitionCommandTests
{
    [Fact]
    public async Task Validate_LoneSurrogateThenAValidFile_ReportsBothFiles()
    {
        var hostile = CliRunner.WriteTemp(WithLoneSurrogate());

        var result = await CliRunner.RunAsync(["validate", hostile, CliRunner.Example]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldMatch($@"{Escape(hostile)}:\d+:\d+: error SLU007: Parameters\[0\] Name: the string holds a lone surrogate escape \\uD800");
        result.Error.ShouldContain($"{hostile}: invalid:");
        result.Out.ShouldBe($"{CliRunner.Example}: valid: 8 steps, 6 parameters\n");
    }

    [Fact]
    public async Task Validate_LoneSurrogateAsJson_PrintsEveryFile()
    {
        var hostile = CliRunner.WriteTemp(WithLoneSurrogate());

        var result = await CliRunner.RunAsync(["validate", "--json", hostile, CliRunner.Example]);

        result.ExitCode.ShouldBe(1);
        var files = JsonNode.Parse(result.Out)!["files"]!.AsArray();
        files.Count.ShouldBe(2);
        var problem = files[0]!["diagnostics"]!.AsArray().First(d => d!["code"]!.GetValue<string>() == "SLU007")!;
        problem["path"]!.GetValue<string>().ShouldBe("Parameters[0].Name");
        problem["line"]!.GetValue<int>().ShouldBeGreaterThan(0);
        problem["column"]!.GetValue<int>().ShouldBeGreaterThan(0);
        files[1]!["valid"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Validate_BytesThatAreNotUtf8_AreReportedNotDecodedAway()
    {
        var path = CliRunner.WriteTemp(string.Empty);
        var text = Encoding.UTF8.GetBytes(File.ReadAllText(CliRunner.Example).Replace("\"Name\": \"ProcessingInstanceType\"", "\"Name\": \"Processing#Type\"", StringComparison.Ordinal));
        text[Array.IndexOf(text, (byte)'#')] = 0xFF;
        await File.WriteAllBytesAsync(path, text, TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["validate", path]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("error SLU007: Parameters[0] Name: the string holds bytes that are not UTF-8 (0xFF)");
    }

    [Theory]
    [InlineData("", "the definition is empty")]
    [InlineData("\uFEFF", "the definition is empty")]
    [InlineData("\0", "not valid JSON")]
    public async Task Validate_EmptyOrNulFile_IsInvalidNotACrash(string content, string message)
    {
        var result = await CliRunner.RunAsync(["validate", CliRunner.WriteTemp(content)]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain(message);
    }

    [Fact]
    public async Task Graph_LoneSurrogate_ReportsTheDiagnostic()
    {
        var result = await CliRunner.RunAsync(["graph", CliRunner.WriteTemp(WithLoneSurrogate())]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("error SLU007");
    }

    [Fact]
    public async Task Run_LoneSurrogate_RefusesBeforeRunningWithTheDiagnostic()
    {
        var data = Directory.CreateTempSubdirectory("sluice-cli-hostile-").FullName;

        var result = await CliRunner.RunAsync(["run", CliRunner.WriteTemp(WithLoneSurrogate()), "--data", data]);

        // run exits 2 for a definition it refuses to start (1 is an execution that ran and Failed).
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("error SLU007: Parameters[0] Name");
        Directory.Exists(Path.Combine(data, "jobs")).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_LocalPathEscapingTheJobFolder_IsRefusedByValidation()
    {
        var definition = JsonNode.Parse(File.ReadAllText(CliRunner.Example))!;
        definition["Steps"]![0]!["Arguments"]!["ProcessingOutputConfig"]!["Outputs"]![0]!["S3Output"]!["LocalPath"] = "/opt/ml//tmp/x";
        var data = Directory.CreateTempSubdirectory("sluice-cli-hostile-").FullName;

        var result = await CliRunner.RunAsync(["run", CliRunner.WriteTemp(definition.ToJsonString()), "--data", data]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("error SLU212: Steps[0] 'PrepareData' Arguments.ProcessingOutputConfig.Outputs[0].S3Output.LocalPath: LocalPath '/opt/ml//tmp/x' has an empty segment ('//')");
    }

    /// <summary>The example with a lone surrogate escape in its first parameter's name, as JSON text allows.</summary>
    private static string WithLoneSurrogate()
    {
        var text = File.ReadAllText(CliRunner.Example);
        var name = JsonNode.Parse(text)!["Parameters"]![0]!["Name"]!.GetValue<string>();
        var at = text.IndexOf($"\"{name}\"", StringComparison.Ordinal) + 1;
        return text[..at] + "\\ud800" + text[at..];
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
