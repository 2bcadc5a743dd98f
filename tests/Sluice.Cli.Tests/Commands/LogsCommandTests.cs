using Sluice.Cli.Tests.Support;
using Sluice.Core.Storage.Sqlite;

namespace Sluice.Cli.Tests.Commands;

/// <summary>`sluice logs` for a job step that ran, one that came from the cache, and a name that is no step. Runs jobs: needs bwrap.</summary>
public sealed class LogsCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-logs-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Data => Path.Combine(_work, "data");

    [Fact]
    public async Task Logs_CacheHit_PrintsTheSourceExecutionsLogAndSaysWhere()
    {
        var (first, second) = await RunTwiceAsync();

        var result = await CliRunner.RunAsync(["logs", second, "Prep", "--data", Data]);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBe($"sluice: step 'Prep' came from the cache; its job ran in execution '{first}', whose log follows\n");
        result.Out.ShouldContain("hello from the job");
    }

    [Fact]
    public async Task Logs_UnknownStep_SaysThereIsNoSuchStepWithASuggestion()
    {
        var (first, _) = await RunTwiceAsync();

        var result = await CliRunner.RunAsync(["logs", first, "Prepp", "--data", Data]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldBe($"sluice: execution '{first}' has no step 'Prepp' (did you mean 'Prep'?)\n");
    }

    /// <summary>Runs a cached Processing step twice; the second run takes it from the cache.</summary>
    private async Task<(string First, string Second)> RunTwiceAsync()
    {
        var file = Path.Combine(_work, "pipeline.json");
        File.WriteAllText(file, """
            {"Version": "2020-12-01", "Steps": [{"Name": "Prep", "Type": "Processing",
              "CacheConfig": {"Enabled": true, "ExpireAfter": "P1D"},
              "Arguments": {
                "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
                "AppSpecification": {"ImageUri": "python:3", "ContainerEntrypoint": ["python3", "-c", "print('hello from the job')"]},
                "RoleArn": "arn:aws:iam::111122223333:role/SageMakerRole"}}]}
            """);
        (await CliRunner.RunAsync(["run", file, "--data", Data])).ExitCode.ShouldBe(0);
        (await CliRunner.RunAsync(["run", file, "--data", Data])).ExitCode.ShouldBe(0);
        await using var store = new SqliteExecutionStore(Data);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        var executions = (await store.ListExecutionsAsync(null, TestContext.Current.CancellationToken)).OrderBy(e => e.CreationTime).ToList();
        return (executions[0].Arn, executions[1].Arn);
    }
}
