using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Commands;

/// <summary>`sluice run` of a job whose Python lacks a module says which interpreter ran it and how to fix it. Runs a job: needs bwrap.</summary>
public sealed class RunJobFailureTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-job-failure-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Run_JobMissingAPythonModule_NamesTheInterpreterAndHowToInstallIt()
    {
        var file = Path.Combine(_work, "pipeline.json");
        File.WriteAllText(file, """
            {"Version": "2020-12-01", "Steps": [{"Name": "Prep", "Type": "Processing", "Arguments": {
              "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
              "AppSpecification": {"ImageUri": "python:3", "ContainerEntrypoint": ["python3", "-c", "import sluice_no_such_module"]},
              "RoleArn": "arn:aws:iam::111122223333:role/SageMakerRole"}}]}
            """);

        var result = await CliRunner.RunAsync(["run", file, "--data", Path.Combine(_work, "data")]);

        result.ExitCode.ShouldBe(1);
        var reason = result.Out[result.Out.IndexOf("Reason: ", StringComparison.Ordinal)..];
        reason.ShouldContain("ModuleNotFoundError: No module named 'sluice_no_such_module'");
        reason.ShouldContain("the job's Python, 'python3' as the job's PATH (the one Sluice was started with) finds it, ");
        reason.ShouldContain("has no module 'sluice_no_such_module': install it for that interpreter (for Debian's /usr/bin/python3, apt-get install python3-sluice_no_such_module)");
        reason.ShouldContain("start Sluice with a PATH whose first python3 has it");
    }
}
