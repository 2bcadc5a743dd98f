using Sluice.Cli.Tests.Support;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Config;

namespace Sluice.Cli.Tests.Commands;

public sealed class UpsertCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-upsert-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string DiabetesConfig => Path.Combine(CliRunner.RepoRoot, "examples", "diabetes", "config");

    [Fact]
    public async Task Upsert_NewThenExistingPipeline_CreatesItThenUpdatesIt()
    {
        await using var server = await LocalServer.StartAsync();
        string[] upsert = ["upsert", DiabetesConfig, "--env", "dev", "--endpoint", server.Address.ToString(), "--no-sign-request"];

        var created = await CliRunner.RunAsync(upsert);
        var updated = await CliRunner.RunAsync(upsert);

        created.ExitCode.ShouldBe(0, created.Error);
        created.Out.ShouldBe("Created pipeline 'diabetes' (dev): arn:aws:sagemaker:us-east-1:000000000000:pipeline/diabetes\n");
        updated.ExitCode.ShouldBe(0, updated.Error);
        updated.Out.ShouldBe("Updated pipeline 'diabetes' (dev) to version 2: arn:aws:sagemaker:us-east-1:000000000000:pipeline/diabetes\n");
        using var sageMaker = server.SageMaker();
        var described = await sageMaker.DescribePipelineAsync(new DescribePipelineRequest { PipelineName = "diabetes" }, TestContext.Current.CancellationToken);
        described.PipelineDefinition.ShouldBe(PipelineBuilder.ForDirectory(DiabetesConfig).Build("dev").DefinitionJson);
        described.RoleArn.ShouldBe("arn:aws:iam::111122223333:role/SluiceDiabetesDev");
        described.PipelineDescription.ShouldBe("Diabetes progression regressor (development)");
    }

    [Fact]
    public async Task Upsert_LocalCode_SaysWhereItMustBeUploaded()
    {
        await using var server = await LocalServer.StartAsync();
        var script = Path.Combine(_work, "prep.py");
        await File.WriteAllTextAsync(script, "print('prep')\n", TestContext.Current.CancellationToken);
        Write("dev/shared_config.yaml", "project_name: local-code\nbucket: b\nrole_arn: arn:aws:iam::111122223333:role/R\ndefaults: {image_uri: i, instance_type: ml.m5.large}\n");
        Write("dev/prep.yaml", $"step_name: Prep\nstep_factory_class: ProcessingStepFactory\ncode: {script}\n");

        var result = await CliRunner.RunAsync(["upsert", _work, "--env", "dev", "--endpoint", server.Address.ToString(), "--no-sign-request"]);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldMatch(@"^sluice: the definition names local code at s3://b/local-code/code/[0-9a-f]{64}/prep\.py; upload it there before an execution starts\n$");
    }

    [Fact]
    public async Task Upsert_NoRole_ExitsOneNamingTheSharedConfig()
    {
        Write("dev/shared_config.yaml", "project_name: p\n");
        Write("dev/stop.yaml", "step_name: Stop\nstep_factory_class: FailStepFactory\n");

        var result = await CliRunner.RunAsync(["upsert", _work, "--env", "dev", "--endpoint", "http://127.0.0.1:9", "--no-sign-request"]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldBe($"sluice: {Path.Combine(_work, "dev", "shared_config.yaml")}: role_arn: missing: a pipeline on a server needs the role it runs as\n");
    }

    [Fact]
    public async Task Upsert_ServerRefuses_ExitsOneWithTheServersError()
    {
        await using var server = await LocalServer.StartAsync();
        Write("dev/shared_config.yaml", "project_name: \"not a valid name!\"\nrole_arn: arn:aws:iam::111122223333:role/R\n");
        Write("dev/stop.yaml", "step_name: Stop\nstep_factory_class: FailStepFactory\n");

        var result = await CliRunner.RunAsync(["upsert", _work, "--env", "dev", "--endpoint", server.Address.ToString(), "--no-sign-request"]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldStartWith("sluice: the server refused pipeline 'not a valid name!': ValidationException: ");
    }

    [Fact]
    public async Task Upsert_EndpointThatIsNotAUrl_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(["upsert", DiabetesConfig, "--env", "dev", "--endpoint", "localhost:8080"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("sluice: --endpoint takes an http:// or https:// URL, not 'localhost:8080'\n");
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_work, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
