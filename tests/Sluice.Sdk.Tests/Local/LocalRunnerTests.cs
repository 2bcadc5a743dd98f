using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Local;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Processing;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests.Local;

public sealed class LocalRunnerTests
{
    [Fact]
    public async Task RunLocallyAsync_ConditionTakesTheIfBranch_Succeeds()
    {
        using var folder = new TemporaryFolder();
        var pipeline = Gate();

        var result = await pipeline.RunLocallyAsync(new LocalRunOptions { DataDirectory = folder.Path }, TestContext.Current.CancellationToken);

        result.Status.ShouldBe(ExecutionStatus.Succeeded, result.FailureReason);
        result.Step("Check").Status.ShouldBe(StepStatus.Succeeded);
        result.Steps.ShouldNotContain(s => s.Name == "TooHigh");
        result.ExecutionArn.ShouldContain(":pipeline/gate/execution/");
    }

    [Fact]
    public async Task RunLocallyAsync_ParameterTakesTheElseBranch_FailsWithTheFailStepsMessage()
    {
        using var folder = new TemporaryFolder();
        var pipeline = Gate();

        var result = await pipeline.RunLocallyAsync(
            new LocalRunOptions { DataDirectory = folder.Path, Parameters = new Dictionary<string, string> { ["Value"] = "12" } },
            TestContext.Current.CancellationToken);

        result.Status.ShouldBe(ExecutionStatus.Failed);
        result.Step("TooHigh").Status.ShouldBe(StepStatus.Failed);
        result.FailureReason.ShouldNotBeNull().ShouldContain("value 12 is above 10");
    }

    [Fact]
    public async Task RunLocallyAsync_InvalidPipeline_ThrowsBeforeRunning()
    {
        using var folder = new TemporaryFolder();
        var pipeline = new Pipeline("bad") { Steps = { new FailStep("Stop", new ParameterString("Undeclared")) } };

        await Should.ThrowAsync<PipelineValidationException>(() => pipeline.RunLocallyAsync(new LocalRunOptions { DataDirectory = folder.Path }, TestContext.Current.CancellationToken));
        File.Exists(Path.Combine(folder.Path, Sluice.Core.Storage.Sqlite.SqliteExecutionStore.FileName)).ShouldBeFalse();
    }

    [Fact]
    public async Task RunLocallyAsync_ProcessingWithLocalCode_UploadsTheCodeAndRunsTheJob()
    {
        Assert.SkipUnless(OnPath("bwrap") && OnPath("python3"), "bubblewrap and python3 run processing jobs");
        using var folder = new TemporaryFolder();
        var script = folder.Write("code/count.py", """
            import json, os
            rows = open('/opt/ml/processing/input/data/rows.csv').read().split()
            os.makedirs('/opt/ml/processing/report', exist_ok=True)
            json.dump({'rows': len(rows)}, open('/opt/ml/processing/report/report.json', 'w'))
            """);
        var data = folder.Write("data/rows.csv", "1\n2\n3\n");
        var report = new PropertyFile("Report", "report", "report.json");
        var count = new ProcessingStep("Count", new Processor { ImageUri = "python:3", Role = Fixture.Role, InstanceType = "ml.m5.large" })
        {
            Inputs = { new ProcessingInput(data, "/opt/ml/processing/input/data") },
            Outputs = { new ProcessingOutput("/opt/ml/processing/report", "s3://local/report", "report") },
            Code = script,
            PropertyFiles = { report },
        };
        var check = new ConditionStep("Check")
        {
            Conditions = { new JsonGet(count, report, "rows").EqualTo(3) },
            ElseSteps = { new FailStep("WrongCount", new Join(" ", "counted", new JsonGet(count, report, "rows"))) },
        };
        var pipeline = new Pipeline("count") { Steps = { count, check }, Session = new PipelineSession { DefaultBucket = "local" } };
        var dataDirectory = Path.Combine(folder.Path, "sluice");

        var result = await pipeline.RunLocallyAsync(new LocalRunOptions { DataDirectory = dataDirectory }, TestContext.Current.CancellationToken);

        result.Status.ShouldBe(ExecutionStatus.Succeeded, result.FailureReason);
        result.Step("Count").Status.ShouldBe(StepStatus.Succeeded);
        File.ReadAllText(Path.Combine(dataDirectory, "objects", "local", "report", "report.json")).ShouldContain("\"rows\": 3");
    }

    private static Pipeline Gate()
    {
        var value = new ParameterInteger("Value", 7);
        return new Pipeline("gate")
        {
            Parameters = { value },
            Steps =
            {
                new ConditionStep("Check")
                {
                    Conditions = { value <= 10 },
                    ElseSteps = { new FailStep("TooHigh", new Join(" ", "value", value, "is above", 10)) },
                },
            },
        };
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(p => File.Exists(Path.Combine(p, command)));
}
