using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Commands;

public sealed class ValidateSuggestionTests
{
    [Fact]
    public async Task Validate_DependsOnAWordByWordShortenedStep_SuggestsTheStep()
    {
        var path = CliRunner.WriteTemp("""
            {"Version": "2020-12-01", "Steps": [
              {"Name": "PrepareData", "Type": "Fail", "Arguments": {"ErrorMessage": "x"}},
              {"Name": "Train", "Type": "Fail", "Arguments": {"ErrorMessage": "y"}, "DependsOn": ["PrepData"]}]}
            """);

        var result = await CliRunner.RunAsync(["validate", path]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("'PrepData', which does not exist (did you mean 'PrepareData'?)");
    }
}
