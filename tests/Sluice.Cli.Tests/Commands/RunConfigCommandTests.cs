using System.Text.Json.Nodes;
using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Commands;

/// <summary><c>sluice run CONFIG_DIR --env ENV</c>: build from YAML, upload the local code, run.</summary>
public sealed class RunConfigCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-run-config-").FullName;

    public RunConfigCommandTests()
    {
        Write("hello.sh", "mkdir -p /opt/ml/processing/out && echo \"hello $1\" > /opt/ml/processing/out/hello.txt\n");
        Write("config/local/shared_config.yaml", """
            project_name: hello
            bucket: hello-bucket
            role_arn: arn:aws:iam::111122223333:role/Hello
            defaults: {image_uri: debian:stable, instance_type: ml.m5.large}
            parameters:
              - {name: Who, type: String, default: world}
              - {name: Go, type: Boolean, default: true}
            """);
        Write("config/local/greet.yaml", $$"""
            step_name: Greet
            step_factory_class: ProcessingStepFactory
            code: {{Path.Combine(_work, "hello.sh")}}
            command: [sh]
            arguments: ["${parameters.Who}"]
            outputs:
              - {output_name: out, source: /opt/ml/processing/out, destination: "s3://${shared.bucket}/greetings"}
            """);
        Write("config/local/check.yaml", """
            step_name: Check
            step_factory_class: ConditionStepFactory
            depends_on: [Greet]
            conditions: [{type: Equals, left: "${parameters.Go}", right: true}]
            else_steps: [Stop]
            """);
        Write("config/local/stop.yaml", "step_name: Stop\nstep_factory_class: FailStepFactory\nerror_message: \"told to stop by ${parameters.Who}\"\n");
    }

    private string Config => Path.Combine(_work, "config");

    private string Data => Path.Combine(_work, "data");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Run_ConfigDirectory_BuildsUploadsTheLocalCodeAndRuns()
    {
        var result = await CliRunner.RunAsync(["run", Config, "--env", "local", "--data", Data, "--json"]);

        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        var output = JsonNode.Parse(result.Out)!;
        output["PipelineExecution"]!["PipelineArn"]!.GetValue<string>().ShouldBe("arn:aws:sagemaker:us-east-1:000000000000:pipeline/hello");
        (await File.ReadAllTextAsync(Path.Combine(Data, "objects", "hello-bucket", "greetings", "hello.txt"), TestContext.Current.CancellationToken)).ShouldBe("hello world\n");
    }

    [Fact]
    public async Task Run_ConfigDirectoryWithParameters_TakesThemAsForADefinition()
    {
        var result = await CliRunner.RunAsync(["run", Config, "--env", "local", "--data", Data, "--json", "--param", "Go=false", "--param", "Who=sluice"]);

        result.ExitCode.ShouldBe(1, result.Out + result.Error);
        JsonNode.Parse(result.Out)!["PipelineExecution"]!["FailureReason"]!.GetValue<string>().ShouldBe("told to stop by sluice");
    }

    [Fact]
    public async Task Run_ConfigDirectoryWithoutEnvironment_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(["run", Config, "--data", Data]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"sluice: {Config} is a configuration directory; give the environment to run with --env ENV\n");
    }

    [Fact]
    public async Task Run_DefinitionFileWithEnvironment_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(["run", CliRunner.Example, "--env", "local", "--data", Data]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"sluice: --env applies to a configuration directory; {CliRunner.Example} is not one\n");
    }

    [Fact]
    public async Task Run_ConfigurationError_ExitsTwoNamingTheFileLineAndKey()
    {
        Write("config/local/stop.yaml", "step_name: Stop\nstep_factory_class: FailStepFactory\nerror_message: ${parameters.Whom}\n");

        var result = await CliRunner.RunAsync(["run", Config, "--env", "local", "--data", Data]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith($"sluice: {Path.Combine(Config, "local", "stop.yaml")}:3: error_message: '${{parameters.Whom}}': no parameter 'Whom' is declared in the shared configuration (did you mean 'Who'?)");
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_work, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
