using System.Text.Json.Nodes;
using Sluice.Core.Execution;
using Sluice.Core.Jobs;
using Sluice.Core.Storage;
using Sluice.Core.Tests.Jobs;
using Sluice.Core.Tests.Support;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Execution;

/// <summary>
/// The job runners depend on <see cref="IJobHost"/> only: on a host that runs nothing they stage, submit, save the
/// handle as the step's job state, and on a resumed execution re-attach through the host instead of submitting again.
/// </summary>
public sealed class JobHostSeamTests
{
    private const string Role = "arn:aws:iam::111122223333:role/SageMakerRole";
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Run_ProcessingOnAnotherHost_SavesTheHandleAsJobStateAndUploadsWhatTheJobWrote()
    {
        var host = new InMemoryJobHost();
        await using var harness = await EngineHarness.CreateAsync(runners: StepRunnerRegistry.CreateDefault(host, Http));
        var execution = await harness.StartAsync(Definition(Processing("P")));

        await host.WaitForSubmissionsAsync(1);
        await harness.UntilStepsAsync(execution.Arn, steps => steps is [{ JobJson: not null }]);
        var handle = JobHandle.TryParse((await harness.StepsAsync(execution.Arn)).Single().JobJson);
        handle.ShouldBe(new JobHandle(InMemoryJobHost.HostName, "1"));
        var job = host.Submitted.Single();
        job.Command.ShouldBe(["python3", "-c", "pass"]);
        Directory.Exists(Path.Combine(job.JobDirectory, "processing", "output")).ShouldBeTrue("the runner stages the job's folder before submitting");
        await File.WriteAllTextAsync(Path.Combine(job.JobDirectory, "processing", "output", "r.txt"), "done", TestContext.Current.CancellationToken);
        host.End("1");

        var final = await harness.WaitAsync(execution.Arn);

        final.Status.ShouldBe(ExecutionStatus.Succeeded, final.FailureReason);
        (await harness.Engine.Objects.ReadTextAsync("s3://bucket/out/r.txt", TestContext.Current.CancellationToken)).ShouldBe("done");
        (await harness.StepsAsync(execution.Arn)).Single().JobJson.ShouldBeNull("job state is cleared when the step ends");
    }

    [Fact]
    public async Task Resume_JobStillRunningOnTheHost_ReattachesWithoutSubmittingAgain()
    {
        var host = new InMemoryJobHost();
        var directory = Directory.CreateTempSubdirectory("sluice-reattach-").FullName;
        string arn;
        await using (var first = await EngineHarness.CreateAsync(dataDirectory: directory, runners: StepRunnerRegistry.CreateDefault(host, Http)))
        {
            arn = (await first.StartAsync(Definition(Processing("P")))).Arn;
            await host.WaitForSubmissionsAsync(1);
            await first.UntilStepsAsync(arn, steps => steps is [{ JobJson: not null }]);
            await first.Engine.DisposeAsync(); // Sluice goes away; the host's job does not
        }

        await using var second = await EngineHarness.CreateAsync(dataDirectory: directory, runners: StepRunnerRegistry.CreateDefault(host, Http));
        (await second.Engine.ResumeAsync(TestContext.Current.CancellationToken)).Select(e => e.Arn).ShouldBe([arn]);
        await second.Until(() => !host.Reattached.IsEmpty);
        host.End("1");
        var final = await second.WaitAsync(arn);

        final.Status.ShouldBe(ExecutionStatus.Succeeded, final.FailureReason);
        host.Submitted.Count.ShouldBe(1);
        host.Reattached.ShouldBe([new JobHandle(InMemoryJobHost.HostName, "1")]);
        (await second.StepsAsync(arn)).Single().AttemptCount.ShouldBe(1);
    }

    [Fact]
    public async Task Resume_JobLostWithTheProcess_FailsAsAServiceFaultThatRetryPoliciesRetry()
    {
        var directory = Directory.CreateTempSubdirectory("sluice-lost-").FullName;
        var step = Processing("P");
        step["RetryPolicies"] = JsonNode.Parse("""[{"ExceptionType": ["Step.SERVICE_FAULT"], "MaxAttempts": 2}]""");
        string arn;
        var before = new InMemoryJobHost();
        await using (var first = await EngineHarness.CreateAsync(dataDirectory: directory, runners: StepRunnerRegistry.CreateDefault(before, Http)))
        {
            arn = (await first.StartAsync(Definition(step))).Arn;
            await before.WaitForSubmissionsAsync(1);
            await first.UntilStepsAsync(arn, steps => steps is [{ JobJson: not null }]);
            await first.Engine.DisposeAsync();
        }

        var after = new InMemoryJobHost(); // knows nothing of the first host's jobs, as the local sandbox after a crash
        await using var second = await EngineHarness.CreateAsync(dataDirectory: directory, runners: StepRunnerRegistry.CreateDefault(after, Http));
        await second.Engine.ResumeAsync(TestContext.Current.CancellationToken);
        await second.Until(() => after.Submitted.Count == 1); // the retry waits on the fake clock
        after.End("1");
        var final = await second.WaitAsync(arn);

        final.Status.ShouldBe(ExecutionStatus.Succeeded, final.FailureReason);
        after.Reattached.Single().ShouldBe(new JobHandle(InMemoryJobHost.HostName, "1"));
        (await second.StepsAsync(arn)).Single().AttemptCount.ShouldBe(2);
    }

    [Fact]
    public async Task Resume_JobLostAndNoRetryPolicy_FailsWithTheHostsReason()
    {
        var directory = Directory.CreateTempSubdirectory("sluice-lost-").FullName;
        string arn;
        var before = new InMemoryJobHost();
        await using (var first = await EngineHarness.CreateAsync(dataDirectory: directory, runners: StepRunnerRegistry.CreateDefault(before, Http)))
        {
            arn = (await first.StartAsync(Definition(Processing("P")))).Arn;
            await first.UntilStepsAsync(arn, steps => steps is [{ JobJson: not null }]);
            await first.Engine.DisposeAsync();
        }

        await using var second = await EngineHarness.CreateAsync(dataDirectory: directory, runners: StepRunnerRegistry.CreateDefault(new InMemoryJobHost(), Http));
        await second.Engine.ResumeAsync(TestContext.Current.CancellationToken);
        var final = await second.WaitAsync(arn);

        final.Status.ShouldBe(ExecutionStatus.Failed);
        var record = (await second.StepsAsync(arn)).Single();
        record.FailureReason.ShouldBe("job 1 is unknown to this host");
        record.AttemptCount.ShouldBe(1);
    }

    private static JsonObject Processing(string name) => new()
    {
        ["Name"] = name,
        ["Type"] = "Processing",
        ["Arguments"] = new JsonObject
        {
            ["ProcessingResources"] = new JsonObject { ["ClusterConfig"] = new JsonObject { ["InstanceType"] = "ml.m5.xlarge", ["InstanceCount"] = 1, ["VolumeSizeInGB"] = 30 } },
            ["AppSpecification"] = new JsonObject { ["ImageUri"] = "python:3", ["ContainerEntrypoint"] = new JsonArray("python3", "-c", "pass") },
            ["RoleArn"] = Role,
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
