using System.Text.Json.Nodes;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Core.Tests.Support;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Execution;

/// <summary>Processing steps run as real processes in the bubblewrap sandbox, with the SageMaker processing contract.</summary>
public sealed class ProcessingStepTests
{
    private const string Role = "arn:aws:iam::111122223333:role/SageMakerRole";

    [Fact]
    public async Task Run_Processing_ReadsInputsWritesOutputsAndExposesPropertyFiles()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Put("s3://bucket/raw/a.csv", "1\n2\n3\n");
        harness.Put("s3://bucket/raw/nested/b.csv", "4\n");
        var script = """
            import glob, json, os
            rows = [int(l) for f in sorted(glob.glob('/opt/ml/processing/input/data/**/*.csv', recursive=True)) for l in open(f)]
            os.makedirs('/opt/ml/processing/output/report', exist_ok=True)
            json.dump({'metrics': {'total': sum(rows)}, 'job': os.environ['JOB_NAME']}, open('/opt/ml/processing/output/report/report.json', 'w'))
            print('rows', len(rows))
            """;
        harness.Put("s3://bucket/code/prep.py", script); // longer than the 256 characters an entrypoint item may have
        var prep = Processing("Prep", string.Empty,
            inputs: [("data", "s3://bucket/raw", "/opt/ml/processing/input/data"), ("code", "s3://bucket/code", "/opt/ml/processing/input/code")],
            outputs: [("report", "s3://bucket/report", "/opt/ml/processing/output/report")],
            environment: new JsonObject { ["JOB_NAME"] = Get("Execution.ProcessingJobName") });
        prep["Arguments"]!["AppSpecification"]!["ContainerEntrypoint"] = new JsonArray("python3", "/opt/ml/processing/input/code/prep.py");
        prep["PropertyFiles"] = JsonNode.Parse("""[{"PropertyFileName": "Report", "OutputName": "report", "FilePath": "report.json"}]""");
        var check = Condition("Check",
            Compare("Equals", new JsonObject { ["Std:JsonGet"] = new JsonObject { ["PropertyFile"] = Get("Steps.Prep.PropertyFiles.Report"), ["Path"] = "metrics.total" } }, 10),
            [], [Fail("Wrong", "total is not 10")]);

        var execution = await harness.RunAsync(Definition(prep, check));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded, execution.FailureReason);
        var report = JsonNode.Parse(File.ReadAllText(harness.Engine.Objects.PathOf("s3://bucket/report/report.json")))!;
        report["metrics"]!["total"]!.GetValue<int>().ShouldBe(10);
        report["job"]!.GetValue<string>().ShouldBe($"pipelines-{execution.ExecutionId}-Prep");
        var step = (await harness.StepsAsync(execution.Arn)).Single(s => s.StepName == "Prep");
        var properties = JsonNode.Parse(step.PropertiesJson!)!;
        properties["ProcessingJobStatus"]!.GetValue<string>().ShouldBe("Completed");
        properties["ProcessingJobName"]!.GetValue<string>().ShouldBe($"pipelines-{execution.ExecutionId}-Prep");
        step.MetadataJson.ShouldNotBeNull().ShouldContain("processing-job/pipelines-");
        File.ReadAllText(Path.Combine(harness.DataDirectory, "logs", execution.ExecutionId, "Prep.log")).ShouldContain("rows 4");
    }

    [Fact]
    public async Task Run_TwoInstancesWithAShardedInput_GivesEachInstanceItsShareAndUploadsEveryInstancesOutput()
    {
        await using var harness = await EngineHarness.CreateAsync();
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            harness.Put($"s3://bucket/raw/{name}.csv", name);
        }

        var script = """
            import json, os, socket
            me = json.load(open('/opt/ml/config/resourceconfig.json'))['current_host']
            assert me == socket.gethostname()
            open(f'/opt/ml/processing/output/{me}.txt', 'w').write(','.join(sorted(os.listdir('/opt/ml/processing/input'))))
            """;
        var step = Processing("P", script, inputs: [("data", "s3://bucket/raw", "/opt/ml/processing/input")], outputs: [("o", "s3://bucket/out", "/opt/ml/processing/output")]);
        step["Arguments"]!["ProcessingResources"]!["ClusterConfig"]!["InstanceCount"] = 2;
        step["Arguments"]!["ProcessingInputs"]![0]!["S3Input"]!["S3DataDistributionType"] = "ShardedByS3Key";

        var execution = await harness.RunAsync(Definition(step));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded, execution.FailureReason);
        File.ReadAllText(harness.Engine.Objects.PathOf("s3://bucket/out/algo-1.txt")).ShouldBe("a.csv,c.csv");
        File.ReadAllText(harness.Engine.Objects.PathOf("s3://bucket/out/algo-2.txt")).ShouldBe("b.csv,d.csv");
    }

    [Fact]
    public async Task Run_ManifestFileInput_CopiesTheListedObjectsOnly()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Put("s3://bucket/data/a.csv", "1");
        harness.Put("s3://bucket/data/sub/b.csv", "2");
        harness.Put("s3://bucket/data/ignored.csv", "3");
        harness.Put("s3://bucket/manifest.json", "[{\"prefix\": \"s3://bucket/data/\"}, \"a.csv\", \"sub/b.csv\"]");
        var step = Processing("P", "import os\nfound = sorted(os.path.relpath(os.path.join(d, f), '/opt/ml/processing/input') for d, _, fs in os.walk('/opt/ml/processing/input') for f in fs)\nopen('/opt/ml/processing/output/found.txt', 'w').write(','.join(found))",
            inputs: [("in", "s3://bucket/manifest.json", "/opt/ml/processing/input")],
            outputs: [("o", "s3://bucket/out", "/opt/ml/processing/output")]);
        step["Arguments"]!["ProcessingInputs"]![0]!["S3Input"]!["S3DataType"] = "ManifestFile";

        var execution = await harness.RunAsync(Definition(step));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded, execution.FailureReason);
        File.ReadAllText(harness.Engine.Objects.PathOf("s3://bucket/out/found.txt")).ShouldBe("a.csv,sub/b.csv");
    }

    [Fact]
    public async Task Run_TwoJobsWritingTheSamePath_DoNotSeeEachOther()
    {
        await using var harness = await EngineHarness.CreateAsync(maxJobs: 2);
        const string script = """
            import os, sys, time
            path = '/opt/ml/processing/output/who.txt'
            open(path, 'w').write(os.environ['WHO'])
            time.sleep(0.5)
            assert open(path).read() == os.environ['WHO'], 'another job wrote here'
            """;
        var definition = Definition(
            Processing("A", script, outputs: [("o", "s3://bucket/a", "/opt/ml/processing/output")], environment: new JsonObject { ["WHO"] = "A" }),
            Processing("B", script, outputs: [("o", "s3://bucket/b", "/opt/ml/processing/output")], environment: new JsonObject { ["WHO"] = "B" }));

        var execution = await harness.RunAsync(definition);

        execution.Status.ShouldBe(ExecutionStatus.Succeeded, execution.FailureReason);
        File.ReadAllText(harness.Engine.Objects.PathOf("s3://bucket/a/who.txt")).ShouldBe("A");
        File.ReadAllText(harness.Engine.Objects.PathOf("s3://bucket/b/who.txt")).ShouldBe("B");
    }

    [Fact]
    public async Task Run_ScriptFails_ReportsAlgorithmErrorWithStderrAndExitCode()
    {
        await using var harness = await EngineHarness.CreateAsync();

        var execution = await harness.RunAsync(Definition(Processing("P", "import sys\nprint('bad input', file=sys.stderr)\nsys.exit(3)")));

        execution.Status.ShouldBe(ExecutionStatus.Failed);
        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldBe("AlgorithmError: bad input (exit code 3)");
        var job = (await harness.Store.GetJobAsync(JobKind.Processing, $"pipelines-{execution.ExecutionId}-P", TestContext.Current.CancellationToken))!;
        job.Status.ShouldBe("Failed");
        var describe = JsonNode.Parse(job.DescribeJson)!;
        describe["ProcessingJobStatus"]!.GetValue<string>().ShouldBe("Failed");
        describe["FailureReason"]!.GetValue<string>().ShouldBe("AlgorithmError: bad input (exit code 3)");
        describe["ProcessingJobArn"]!.GetValue<string>().ShouldBe(job.Arn);
        describe["AppSpecification"].ShouldNotBeNull("a failed job's Describe response still shows its request");
    }

    [Fact]
    public async Task Run_EntrypointStartingWithPython3_RunsWithTheConfiguredPython()
    {
        await using var harness = await EngineHarness.CreateAsync(SluiceConfiguration.Empty with { Python = "/usr/bin/python3" });
        var step = Processing("P", "import sys\nopen('/opt/ml/processing/output/python.txt', 'w').write(sys.executable)",
            outputs: [("o", "s3://bucket/out", "/opt/ml/processing/output")]);

        var execution = await harness.RunAsync(Definition(step));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded, execution.FailureReason);
        File.ReadAllText(harness.Engine.Objects.PathOf("s3://bucket/out/python.txt")).ShouldBe("/usr/bin/python3");
    }

    [Fact]
    public async Task Run_ParameterMakingTheRequestInvalid_FailsAsAClientErrorBeforeAnyJob()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var step = Processing("P", "open('/opt/ml/processing/ran', 'w')");
        step["Arguments"]!["StoppingCondition"] = new JsonObject { ["MaxRuntimeInSeconds"] = Get("Parameters.Runtime") };

        var execution = await harness.RunAsync(Definition([Parameter("Runtime", "Integer", 600)], step), parameters: ("Runtime", "-5"));

        execution.Status.ShouldBe(ExecutionStatus.Failed);
        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldBe(
            "ClientError: Arguments.StoppingCondition.MaxRuntimeInSeconds: -5 breaks CreateProcessingJob's rule: must have value greater than or equal to 1");
        (await harness.Store.GetJobAsync(JobKind.Processing, $"pipelines-{execution.ExecutionId}-P", TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task Run_Processing_RecordsTheJobForDescribeProcessingJob()
    {
        await using var harness = await EngineHarness.CreateAsync();

        var execution = await harness.RunAsync(Definition(Processing("P", "print('ok')")));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded);
        var job = (await harness.Store.GetJobAsync(JobKind.Processing, $"pipelines-{execution.ExecutionId}-P", TestContext.Current.CancellationToken))!;
        job.Status.ShouldBe("Completed");
        job.ExecutionArn.ShouldBe(execution.Arn);
        job.StepName.ShouldBe("P");
        job.ParentName.ShouldBeNull();
        var step = (await harness.StepsAsync(execution.Arn)).Single();
        job.DescribeJson.ShouldBe(step.PropertiesJson, "a completed job is described by the step's properties");
    }

    [Fact]
    public async Task Run_HostFolderOutsideTheSystemOnes_IsNotThereInTheSandbox()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var target = $"/var/tmp/sluice-escape-{Guid.NewGuid():N}.txt"; // writable on the host; /var is not shown to jobs

        var execution = await harness.RunAsync(Definition(Processing("P", $"open('{target}', 'w').write('x')")));

        execution.Status.ShouldBe(ExecutionStatus.Failed);
        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldNotBeNull().ShouldContain("No such file or directory: '/var/tmp");
        File.Exists(target).ShouldBeFalse();
    }

    [Theory]
    [InlineData("os.symlink('/etc/passwd', '/opt/ml/processing/output/passwd')", "a symbolic link (to '/etc/passwd')")]
    [InlineData("os.symlink('/opt/ml', '/opt/ml/processing/output/all')", "a symbolic link (to '/opt/ml')")]
    [InlineData("os.mkfifo('/opt/ml/processing/output/pipe')", "not a regular file or folder")]
    public async Task Run_OutputHoldsALinkOrFifo_FailsAndUploadsNothing(string make, string what)
    {
        await using var harness = await EngineHarness.CreateAsync();
        var step = Processing("P", $"import os\nopen('/opt/ml/processing/output/ok.txt', 'w').write('ok')\n{make}",
            outputs: [("o", "s3://bucket/out", "/opt/ml/processing/output")]);

        var execution = await harness.RunAsync(Definition(step));

        execution.Status.ShouldBe(ExecutionStatus.Failed);
        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldNotBeNull().ShouldContain(what);
        Directory.Exists(harness.Engine.Objects.PathOf("s3://bucket/out")).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_MaxRuntimeExceeded_StopsTheJob()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var step = Processing("P", "import time\ntime.sleep(60)");
        step["Arguments"]!["StoppingCondition"] = new JsonObject { ["MaxRuntimeInSeconds"] = 5 };

        var execution = await harness.RunAsync(Definition(step));

        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldNotBeNull().ShouldStartWith("MaxRuntimeExceeded");
    }

    [Fact]
    public async Task Stop_RunningJob_TerminatesItAndEndsStopped()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var execution = await harness.StartAsync(Definition(Processing("P", "import time\ntime.sleep(60)")));
        await harness.UntilStepsAsync(execution.Arn, steps => steps.Any(s => s.Status == StepStatus.Executing));

        await harness.Engine.StopExecutionAsync(execution.Arn, TestContext.Current.CancellationToken);
        var final = await harness.WaitAsync(execution.Arn);

        final.Status.ShouldBe(ExecutionStatus.Stopped);
        (await harness.StepsAsync(execution.Arn)).Single().Status.ShouldBe(StepStatus.Stopped);
    }

    [Fact]
    public async Task Run_ImageWithoutEntrypoint_SaysWhatToGive()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var step = Processing("P", "pass");
        step["Arguments"]!["AppSpecification"] = new JsonObject { ["ImageUri"] = "123.dkr.ecr.us-east-1.amazonaws.com/builtin:1" };

        var execution = await harness.RunAsync(Definition(step));

        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldBe(
            "image '123.dkr.ecr.us-east-1.amazonaws.com/builtin:1' has no command to run on this machine: give AppSpecification.ContainerEntrypoint, or map the image to a local command under images: in sluice.yaml");
    }

    [Fact]
    public async Task Run_ImageMappedInConfiguration_RunsTheMappedCommandWithTheArguments()
    {
        var configuration = Sluice.Core.Configuration.ConfigurationLoader.Parse(
            "images:\n  \"*/builtin:*\": [python3, -c, \"import sys; open('/opt/ml/processing/output/args.txt', 'w').write(' '.join(sys.argv[1:]))\"]\n",
            "sluice.yaml");
        await using var harness = await EngineHarness.CreateAsync(configuration);
        var step = Processing("P", "pass", outputs: [("o", "s3://bucket/o", "/opt/ml/processing/output")]);
        step["Arguments"]!["AppSpecification"] = new JsonObject
        {
            ["ImageUri"] = "123.dkr.ecr.us-east-1.amazonaws.com/builtin:1",
            ["ContainerArguments"] = new JsonArray("--mode", "fast"),
        };

        var execution = await harness.RunAsync(Definition(step));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded, execution.FailureReason);
        File.ReadAllText(harness.Engine.Objects.PathOf("s3://bucket/o/args.txt")).ShouldBe("--mode fast");
    }

    [Theory]
    [InlineData("s3://bucket/../outside", "/opt/ml/processing/input", "names no object inside the store")]
    [InlineData("s3://bucket/raw", "/opt/ml/../../etc", "LocalPath '/opt/ml/../../etc' is refused: it has a '..' segment")]
    [InlineData("s3://bucket/raw", "/opt/ml/processing//tmp/sluice-escape-probe-2f9c", "LocalPath '/opt/ml/processing//tmp/sluice-escape-probe-2f9c' is refused: it has an empty segment")]
    [InlineData("s3://bucket/raw", "/opt/ml/processing/a\0b", "LocalPath '/opt/ml/processing/a\\u0000b' is refused: it holds a control character")]
    [InlineData("s3://bucket/raw", "/opt/ml/input", "is not under /opt/ml/processing/")]
    [InlineData("s3://bucket/missing", "/opt/ml/processing/input", "there is no object under s3://bucket/missing")]
    public async Task Run_BadInput_FailsBeforeTheJobStarts(string uri, string localPath, string message)
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Put("s3://bucket/raw/a.csv", "1");

        // The LocalPath comes from a parameter, so only the runner can check it.
        var step = Processing("P", "pass", inputs: [("in", uri, "/opt/ml/processing/input")]);
        step["Arguments"]!["ProcessingInputs"]![0]!["S3Input"]!["LocalPath"] = Get("Parameters.Local");
        var definition = Definition([Parameter("Local", "String", "/opt/ml/processing/input")], step);
        var execution = await harness.RunAsync(definition, "test-pipeline", ("Local", localPath));

        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldNotBeNull().ShouldContain(message);
        Directory.Exists("/tmp/sluice-escape-probe-2f9c").ShouldBeFalse(); // a name no other program uses, so the check means something
    }

    [Fact]
    public async Task Run_OutputFolderReplacedByALinkToTheHost_FailsWithoutCopyingHostFiles()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var secret = Path.Combine(harness.DataDirectory, "host-secret.txt");
        File.WriteAllText(secret, "secret");
        var script = $"import os, shutil\nshutil.rmtree('/opt/ml/processing/out')\nos.symlink('{harness.DataDirectory}', '/opt/ml/processing/out')";

        var execution = await harness.RunAsync(Definition(Processing("P", script, outputs: [("o", "s3://bucket/o", "/opt/ml/processing/out")])));

        execution.Status.ShouldBe(ExecutionStatus.Failed);
        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldNotBeNull().ShouldContain("is a symbolic link");
        File.Exists(harness.Engine.Objects.PathOf("s3://bucket/o/host-secret.txt")).ShouldBeFalse();
    }

    private static JsonObject Processing(
        string name,
        string script,
        (string Name, string Uri, string LocalPath)[]? inputs = null,
        (string Name, string Uri, string LocalPath)[]? outputs = null,
        JsonObject? environment = null)
    {
        var arguments = new JsonObject
        {
            ["ProcessingResources"] = new JsonObject { ["ClusterConfig"] = new JsonObject { ["InstanceType"] = "ml.m5.xlarge", ["InstanceCount"] = 1, ["VolumeSizeInGB"] = 30 } },
            ["AppSpecification"] = new JsonObject { ["ImageUri"] = "python:3", ["ContainerEntrypoint"] = new JsonArray("python3", "-c", script) },
            ["RoleArn"] = Role,
            ["ProcessingInputs"] = new JsonArray([.. (inputs ?? []).Select(i => (JsonNode)new JsonObject
            {
                ["InputName"] = i.Name,
                ["S3Input"] = new JsonObject { ["S3Uri"] = i.Uri, ["LocalPath"] = i.LocalPath, ["S3DataType"] = "S3Prefix", ["S3InputMode"] = "File" },
            })]),
            ["ProcessingOutputConfig"] = new JsonObject
            {
                ["Outputs"] = new JsonArray([.. (outputs ?? []).Select(o => (JsonNode)new JsonObject
                {
                    ["OutputName"] = o.Name,
                    ["S3Output"] = new JsonObject { ["S3Uri"] = o.Uri, ["LocalPath"] = o.LocalPath, ["S3UploadMode"] = "EndOfJob" },
                })]),
            },
        };
        if (environment is not null)
        {
            arguments["Environment"] = environment;
        }

        return new JsonObject { ["Name"] = name, ["Type"] = "Processing", ["Arguments"] = arguments };
    }
}
