using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests;

/// <summary>Command lines that are wrong: each problem said once, by name, with the help to read; exit 2.</summary>
public sealed class UsageErrorsTests
{
    [Fact]
    public async Task Run_UnknownCommand_SaysSoOnceWithASuggestion()
    {
        var result = await CliRunner.RunAsync(["vaidate", "pipeline.json"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("sluice: unknown command 'vaidate' for 'sluice' (did you mean 'validate'?)\nRun 'sluice --help' for usage.\n");
    }

    [Fact]
    public async Task Run_UnknownOptionAfterAFile_IsAnUnknownOptionNotAFile()
    {
        var result = await CliRunner.RunAsync(["validate", CliRunner.Example, "--bogus"]);

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe("sluice: unknown option '--bogus' for 'sluice validate'\nRun 'sluice validate --help' for usage.\n");
    }

    [Fact]
    public async Task Run_FileAfterDoubleDash_IsAFileEvenWhenItLooksLikeAnOption()
    {
        var result = await CliRunner.RunAsync(["validate", "--", "--no-such.json"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--no-such.json");
        result.Error.ShouldNotContain("unknown option");
    }

    [Fact]
    public async Task Run_CommandGroupAlone_ListsItsCommands()
    {
        var result = await CliRunner.RunAsync(["s3"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe(
            "sluice: 'sluice s3' needs one of its commands:\n" +
            "  cp  Copy a file or a folder (all files below it) into or out of the object store.\n" +
            "  ls  List the objects under a prefix, with their sizes.\n" +
            "Run 'sluice s3 --help' for usage.\n");
    }

    [Fact]
    public async Task Run_MisspeltOption_SuggestsTheOption()
    {
        var result = await CliRunner.RunAsync(["run", "pipeline.json", "--paralelism", "3"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith("sluice: unknown option '--paralelism' for 'sluice run' (did you mean '--parallelism'?)\n");
        result.Error.ShouldEndWith("Run 'sluice run --help' for usage.\n");
    }
}
