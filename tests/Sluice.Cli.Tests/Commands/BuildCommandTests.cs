using System.Text;
using System.Text.Json.Nodes;
using Sluice.Cli.Tests.Support;
using Sluice.Config;

namespace Sluice.Cli.Tests.Commands;

public sealed class BuildCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-build-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string DiabetesConfig => Path.Combine(CliRunner.RepoRoot, "examples", "diabetes", "config");

    [Fact]
    public async Task Build_LocalExampleToAFile_WritesTheCommittedDefinitionByteForByte()
    {
        var output = Path.Combine(_work, "pipeline.json");

        var result = await CliRunner.RunAsync(["build", DiabetesConfig, "--env", "local", "-o", output]);

        result.ExitCode.ShouldBe(0, result.Error);
        (await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken)).ShouldBe(await File.ReadAllBytesAsync(CliRunner.Example, TestContext.Current.CancellationToken));
        result.Error.ShouldBe($"sluice: wrote pipeline 'diabetes' (local) to {output}\n");
    }

    [Fact]
    public async Task Build_AsTheSluiceProcessFromTheRepository_PrintsTheCommittedDefinition()
    {
        var result = await CliRunner.RunProcessAsync(["build", "examples/diabetes/config", "--env", "local"]);

        result.ExitCode.ShouldBe(0, result.Error);
        Encoding.UTF8.GetBytes(result.Out).ShouldBe(await File.ReadAllBytesAsync(CliRunner.Example, TestContext.Current.CancellationToken));
        result.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task Build_ProdToStandardOutput_PrintsWhatTheBuilderBuilds()
    {
        var result = await CliRunner.RunAsync(["build", DiabetesConfig, "--env", "prod"]);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldBe(PipelineBuilder.ForDirectory(DiabetesConfig).Build("prod").DefinitionJson);
        JsonNode.Parse(result.Out)!["Steps"]![0]!["Arguments"]!["RoleArn"]!.GetValue<string>().ShouldBe("arn:aws:iam::444455556666:role/SluiceDiabetesProd");
    }

    [Fact]
    public async Task Build_ConfigurationError_ExitsOneNamingTheFileLineAndKey()
    {
        Write("dev/shared_config.yaml", "project_name: p\nbucket: b\nrole_arn: arn:aws:iam::111122223333:role/R\n");
        Write("dev/stop.yaml", "step_name: Stop\nstep_factory_class: FailStepFactory\nmessage: oops\n");

        var result = await CliRunner.RunAsync(["build", _work, "--env", "dev"]);

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldStartWith($"sluice: {Path.Combine(_work, "dev", "stop.yaml")}:3: message: unknown key; known keys here: step_name, step_factory_class, error_message");
    }

    [Fact]
    public async Task Build_UnknownEnvironment_ExitsOneNamingTheEnvironments()
    {
        var result = await CliRunner.RunAsync(["build", DiabetesConfig, "--env", "staging"]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldBe($"sluice: {DiabetesConfig}: unknown environment 'staging'; environments: dev, local, prod\n");
    }

    [Fact]
    public async Task Build_WithoutEnvironment_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(["build", DiabetesConfig]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--env");
    }

    [Fact]
    public async Task Build_ValidatorWarnings_GoToStandardErrorAndTheDefinitionToStandardOutput()
    {
        Write("dev/shared_config.yaml", "project_name: p\nparameters: [{name: Unused, type: String}]\n");
        Write("dev/stop.yaml", "step_name: Stop\nstep_factory_class: FailStepFactory\n");

        var result = await CliRunner.RunAsync(["build", _work, "--env", "dev"]);

        result.ExitCode.ShouldBe(0);
        JsonNode.Parse(result.Out)!["Steps"]![0]!["Name"]!.GetValue<string>().ShouldBe("Stop");
        result.Error.ShouldStartWith($"sluice: {Path.Combine(_work, "dev", "shared_config.yaml")}:2: warning SLU106 Parameters[0] 'Unused'");
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_work, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
