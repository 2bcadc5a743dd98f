using System.Text.Json.Nodes;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Hosting;
using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Slurm;
using Sluice.Core.Storage;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Jobs.Slurm;

/// <summary>A pipeline's Processing step run on a real Slurm through <see cref="SluiceHost"/> with <c>jobs.host: slurm</c>, including a restart mid-job.</summary>
[Collection(SlurmTests.Name)]
public sealed class SlurmPipelineTests : IDisposable
{
    private const string Configuration = """
        jobs:
          host: slurm
          slurm:
            poll_interval_ms: 200
            max_poll_interval_ms: 1000
            instance_types:
              ml.m5.xlarge: {cpus: 1, memory_mb: 256}
        """;

    private readonly string _data = Directory.CreateTempSubdirectory("sluice-slurm-pipeline-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Run_ProcessingStepOnSlurm_StagesItsInputRunsInTheSandboxAndUploadsItsOutput()
    {
        await using var host = await StartAsync();
        host.JobHost.ShouldBeOfType<SlurmJobHost>();
        host.Engine.Options.MaxConcurrentJobs.ShouldBe(SlurmSettings.Default.MaxJobs, "jobs run on the cluster, not on this machine's CPUs");
        var arn = await StartAsync(host, "read n < /opt/ml/processing/input/data.txt; echo \"$((n + 1)) on $(hostname)\" > /opt/ml/processing/output/r.txt");
        var final = await host.Engine.WaitAsync(arn, Cancel).WaitAsync(TimeSpan.FromSeconds(60), Cancel);

        final.Status.ShouldBe(ExecutionStatus.Succeeded, final.FailureReason);
        (await host.Objects.ReadTextAsync("s3://bucket/out/r.txt", Cancel)).ShouldBe("43 on algo-1\n");
        JobHandle.TryParse((await host.Store.ListStepsAsync(arn, Cancel)).Single().JobJson).ShouldBeNull("job state is cleared when the step ends");
    }

    [Fact]
    public async Task Run_ProcessingStepOfTwoInstances_RunsBothWithTheirResourceConfigAndUploadsEachInstancesOutput()
    {
        await using var host = await StartAsync();
        var arn = await StartAsync(host, "cp /opt/ml/config/resourceconfig.json /opt/ml/processing/output/$(hostname).json; cat /opt/ml/processing/input/data.txt > /opt/ml/processing/output/in-$(hostname).txt", instances: 2);
        var final = await host.Engine.WaitAsync(arn, Cancel).WaitAsync(TimeSpan.FromSeconds(60), Cancel);

        final.Status.ShouldBe(ExecutionStatus.Succeeded, final.FailureReason);
        (await host.Objects.ReadTextAsync("s3://bucket/out/algo-1.json", Cancel)).ShouldBe("{\"current_host\": \"algo-1\", \"hosts\": [\"algo-1\", \"algo-2\"]}");
        (await host.Objects.ReadTextAsync("s3://bucket/out/algo-2.json", Cancel)).ShouldBe("{\"current_host\": \"algo-2\", \"hosts\": [\"algo-1\", \"algo-2\"]}");
        (await host.Objects.ReadTextAsync("s3://bucket/out/in-algo-2.txt", Cancel)).ShouldBe("42", "the input is replicated to every instance");
    }

    [Fact]
    public async Task Resume_SluiceRestartedWhileTheJobRuns_ReattachesToTheSlurmJobInsteadOfRerunningIt()
    {
        string arn;
        JobHandle handle;
        await using (var first = await StartAsync())
        {
            arn = await StartAsync(first, "sleep 3; echo ran >> /opt/ml/processing/output/r.txt");
            handle = await UntilAsync(async () => JobHandle.TryParse((await first.Store.ListStepsAsync(arn, Cancel)).SingleOrDefault()?.JobJson));
        }

        handle.Host.ShouldBe(SlurmJobHost.HostName);
        var jobId = SlurmJobHandle.TryParse(handle)!.JobId;
        SlurmOutput.ShowJob(await SlurmCluster.ClientAsync("scontrol", "show", "job", jobId)).ShouldNotBeNull().IsFinal.ShouldBeFalse("the job outlives the Sluice that submitted it");

        await using var second = await StartAsync();
        (await second.Engine.ResumeAsync(Cancel)).Select(e => e.Arn).ShouldBe([arn]);
        var final = await second.Engine.WaitAsync(arn, Cancel).WaitAsync(TimeSpan.FromSeconds(60), Cancel);

        final.Status.ShouldBe(ExecutionStatus.Succeeded, final.FailureReason);
        (await second.Objects.ReadTextAsync("s3://bucket/out/r.txt", Cancel)).ShouldBe("ran\n", "the job ran once");
        (await second.Store.ListStepsAsync(arn, Cancel)).Single().AttemptCount.ShouldBe(1);
    }

    [Fact]
    public async Task StopExecution_StepRunningOnSlurm_ScancelsTheJobAndTheStepEndsStopped()
    {
        await using var host = await StartAsync();
        var arn = await StartAsync(host, "echo started; exec sleep 120");
        var handle = await UntilAsync(async () => JobHandle.TryParse((await host.Store.ListStepsAsync(arn, Cancel)).SingleOrDefault()?.JobJson));
        var log = Path.Combine(host.DataDirectory, "logs", arn.Split('/')[^1], "P.log");
        await UntilAsync(() => Task.FromResult(File.Exists(log) && File.ReadAllText(log).Contains("started", StringComparison.Ordinal) ? log : null));

        await host.Engine.StopExecutionAsync(arn, Cancel);
        var final = await host.Engine.WaitAsync(arn, Cancel).WaitAsync(TimeSpan.FromSeconds(60), Cancel);

        final.Status.ShouldBe(ExecutionStatus.Stopped);
        (await host.Store.ListStepsAsync(arn, Cancel)).Single().Status.ShouldBe(StepStatus.Stopped);
        var state = SlurmOutput.ShowJob(await SlurmCluster.ClientAsync("scontrol", "show", "job", SlurmJobHandle.TryParse(handle)!.JobId))!.State;
        state.ShouldBeOneOf("FAILED", "CANCELLED"); // the script exits 143 after SIGTERM, or Slurm cancelled it after the grace
    }

    private Task<SluiceHost> StartAsync() =>
        SluiceHost.StartAsync(new SluiceHostOptions { DataDirectory = _data, Configuration = ConfigurationLoader.Parse(Configuration, "sluice.yaml") }, Cancel);

    private static async Task<string> StartAsync(SluiceHost host, string script, int instances = 1)
    {
        await using (var input = await host.Objects.OpenWriteAsync("s3://bucket/in/data.txt", Cancel))
        {
            await input.WriteAsync("42"u8.ToArray(), Cancel);
        }

        var definition = Definition(Processing("P", script, instances));
        await host.Engine.SavePipelineAsync("p", definition.ToJsonString(), null, null, null, null, Cancel);
        return (await host.Engine.StartExecutionAsync(new StartExecutionRequest { PipelineName = "p" }, Cancel)).Arn;
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        for (var i = 0; i < 600; i++)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50, Cancel);
        }

        throw new TimeoutException("the condition did not hold within 30 s");
    }

    private static JsonObject Processing(string name, string script, int instances) => new()
    {
        ["Name"] = name,
        ["Type"] = "Processing",
        ["Arguments"] = new JsonObject
        {
            ["ProcessingResources"] = new JsonObject { ["ClusterConfig"] = new JsonObject { ["InstanceType"] = "ml.m5.xlarge", ["InstanceCount"] = instances, ["VolumeSizeInGB"] = 1 } },
            ["AppSpecification"] = new JsonObject { ["ImageUri"] = "busybox", ["ContainerEntrypoint"] = new JsonArray("/bin/sh", "-c", script) },
            ["RoleArn"] = "arn:aws:iam::111122223333:role/SageMakerRole",
            ["ProcessingInputs"] = new JsonArray(new JsonObject
            {
                ["InputName"] = "in",
                ["S3Input"] = new JsonObject { ["S3Uri"] = "s3://bucket/in", ["LocalPath"] = "/opt/ml/processing/input", ["S3DataType"] = "S3Prefix", ["S3InputMode"] = "File" },
            }),
            ["ProcessingOutputConfig"] = new JsonObject
            {
                ["Outputs"] = new JsonArray(new JsonObject
                {
                    ["OutputName"] = "o",
                    ["S3Output"] = new JsonObject { ["S3Uri"] = "s3://bucket/out", ["LocalPath"] = "/opt/ml/processing/output", ["S3UploadMode"] = "EndOfJob" },
                }),
            },
        },
    };
}
