using System.Text.Json.Nodes;
using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Commands;

public sealed class ExportCommandTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("sluice-export-");

    public void Dispose() => _output.Delete(recursive: true);

    [Fact]
    public async Task ExportStepFunctions_BatchWithApproximations_WritesMachineTemplateJobDefinitionsAndReadme()
    {
        var result = await CliRunner.RunAsync(["export", "stepfunctions", CliRunner.Example, "--compute", "batch", "--allow-approximations", "-o", _output.FullName]);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldStartWith($"sluice: exported 'pipeline' to {_output.FullName}:");
        result.Error.ShouldContain("approximation: Steps[1] 'TrainModel' RetryPolicies[0]");
        result.Error.ShouldContain("note: Steps[0] 'PrepareData' CacheConfig: not exported");
        var machine = JsonNode.Parse(File.ReadAllText(Path.Combine(_output.FullName, "statemachine.asl.json")))!;
        machine["StartAt"]!.GetValue<string>().ShouldBe("Sluice.CheckInput");
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(_output.FullName, "template.json")))!;
        template["Resources"]!["StateMachine"]!["Properties"]!["StateMachineName"]!.GetValue<string>().ShouldBe("pipeline");
        Directory.GetFiles(Path.Combine(_output.FullName, "job-definitions"), "sluice-*.json").Length.ShouldBe(3);
        File.ReadAllText(Path.Combine(_output.FullName, "bootstrap.py")).ShouldContain("SLUICE_REQUEST");
        File.ReadAllText(Path.Combine(_output.FullName, "README.md")).ShouldContain("aws stepfunctions start-execution");
        JsonNode.Parse(File.ReadAllText(Path.Combine(_output.FullName, "input.json")))!["Parameters"]!["MseThreshold"]!.GetValue<double>().ShouldBe(3500.0);
    }

    [Fact]
    public async Task ExportStepFunctions_Approximation_IsRefusedWithoutTheFlag()
    {
        var result = await CliRunner.RunAsync(["export", "stepfunctions", CliRunner.Example, "-o", _output.FullName]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("error: Steps[1] 'TrainModel' RetryPolicies[0]: Step Functions cannot tell");
        result.Error.ShouldContain("nothing exported");
        Directory.GetFiles(_output.FullName).ShouldBeEmpty();
    }

    [Fact]
    public async Task ExportStepFunctions_ConfigurationDirectory_BuildsTheEnvironmentFirst()
    {
        var config = Path.Combine(CliRunner.RepoRoot, "examples", "diabetes", "config");

        var result = await CliRunner.RunAsync(["export", "stepfunctions", config, "--env", "local", "--allow-approximations", "-o", _output.FullName]);

        result.ExitCode.ShouldBe(0, result.Error);
        File.Exists(Path.Combine(_output.FullName, "statemachine.asl.json")).ShouldBeTrue();
    }

    [Fact]
    public async Task ExportStepFunctions_InvalidDefinition_ReportsItAndExportsNothing()
    {
        var path = CliRunner.WriteTemp("""{"Version": "2020-12-01", "Steps": [{"Name": "A", "Type": "Fail", "DependsOn": ["Nope"], "Arguments": {"ErrorMessage": "x"}}]}""");

        var result = await CliRunner.RunAsync(["export", "stepfunctions", path, "-o", _output.FullName]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("Nope");
        Directory.GetFiles(_output.FullName).ShouldBeEmpty();
    }

    [Fact]
    public async Task ExportStepFunctions_UnknownCompute_IsAUsageError()
    {
        var result = await CliRunner.RunAsync(["export", "stepfunctions", CliRunner.Example, "--compute", "lambda", "-o", _output.FullName]);

        result.ExitCode.ShouldBe(2);
    }
}
