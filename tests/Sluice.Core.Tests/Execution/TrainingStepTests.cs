using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Core.Tests.Support;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Execution;

/// <summary>Script-mode Training steps: the SageMaker training toolkit's contract, reproduced on the host in the sandbox.</summary>
public sealed class TrainingStepTests
{
    private const string TrainScript = """
        import argparse, json, os, sys
        parser = argparse.ArgumentParser()
        parser.add_argument('--epochs', type=int)
        parser.add_argument('--rate', type=float)
        parser.add_argument('--name')
        args = parser.parse_args()
        assert args.epochs == 3 and args.rate == 0.5 and args.name == 'tree', sys.argv
        assert os.environ['SM_MODEL_DIR'] == '/opt/ml/model'
        assert os.environ['SM_CHANNEL_TRAIN'] == '/opt/ml/input/data/train'
        assert json.loads(os.environ['SM_CHANNELS']) == ['train']
        assert json.loads(os.environ['SM_HPS']) == {'epochs': 3, 'rate': 0.5, 'name': 'tree'}, os.environ['SM_HPS']
        assert os.environ['SM_HP_EPOCHS'] == '3'
        assert json.load(open('/opt/ml/input/config/hyperparameters.json'))['sagemaker_program'] == '"train.py"'
        assert 'train' in json.load(open('/opt/ml/input/config/inputdataconfig.json'))
        assert json.load(open('/opt/ml/input/config/resourceconfig.json'))['current_host'] == 'algo-1'
        assert os.getcwd() == '/opt/ml/code'
        import helper
        rows = [int(l) for l in open('/opt/ml/input/data/train/data.csv')]
        json.dump({'weights': helper.fit(rows)}, open('/opt/ml/model/model.json', 'w'))
        open('/opt/ml/output/data/summary.txt', 'w').write('ok')
        for epoch in range(args.epochs):
            print(f'epoch {epoch} loss: {1.0 / (epoch + 1):.2f}')
        """;

    [Fact]
    public async Task Run_ScriptModeTraining_FollowsTheToolkitContract()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Put("s3://bucket/data/train/data.csv", "1\n2\n3\n");
        harness.PackTarGz("s3://bucket/code/sourcedir.tar.gz", ("train.py", TrainScript), ("helper.py", "def fit(rows):\n    return sum(rows)\n"));
        var check = Condition("Good",
            Compare("LessThan", Get("Steps.Train.FinalMetricDataList['loss'].Value"), 0.5),
            [Fail("Report", Join(" ", "model at", Get("Steps.Train.ModelArtifacts.S3ModelArtifacts")))], []);

        var execution = await harness.RunAsync(Definition(Training("Train"), check));

        execution.Status.ShouldBe(ExecutionStatus.Failed, "the Fail step reports the model's URI");
        var modelUri = $"s3://bucket/models/pipelines-{execution.ExecutionId}-Train/output/model.tar.gz";
        execution.FailureReason.ShouldBe($"model at {modelUri}");
        ObjectStoreFixtures.UnpackTarGz(harness.Engine.Objects.PathOf(modelUri))["model.json"].ShouldBe("{\"weights\": 6}");
        ObjectStoreFixtures.UnpackTarGz(harness.Engine.Objects.PathOf(modelUri.Replace("model.tar.gz", "output.tar.gz", StringComparison.Ordinal)))["summary.txt"].ShouldBe("ok");
        var train = (await harness.StepsAsync(execution.Arn)).Single(s => s.StepName == "Train");
        var properties = JsonNode.Parse(train.PropertiesJson!)!;
        properties["TrainingJobStatus"]!.GetValue<string>().ShouldBe("Completed");
        properties["FinalMetricDataList"]![0]!["MetricName"]!.GetValue<string>().ShouldBe("loss");
        properties["FinalMetricDataList"]![0]!["Value"]!.GetValue<double>().ShouldBe(0.33);
        train.MetadataJson.ShouldNotBeNull().ShouldContain("training-job/pipelines-");
    }

    [Fact]
    public async Task Run_TrainingWritesFailureFile_ReportsIt()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Put("s3://bucket/data/train/data.csv", "1\n");
        harness.PackTarGz("s3://bucket/code/sourcedir.tar.gz",
            ("train.py", "import sys\nopen('/opt/ml/output/failure', 'w').write('labels are missing')\nsys.exit(1)\n"));

        var execution = await harness.RunAsync(Definition(Training("Train")));

        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldBe("AlgorithmError: labels are missing");
    }

    [Fact]
    public async Task Run_FailureFileIsALinkToAHostFile_IsNotReadThroughIt()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Put("s3://bucket/data/train/data.csv", "1\n");
        harness.PackTarGz("s3://bucket/code/sourcedir.tar.gz",
            ("train.py", "import os, sys\nos.makedirs('/opt/ml/output', exist_ok=True)\nos.symlink('/etc/hostname', '/opt/ml/output/failure')\nsys.exit(1)\n"));

        var execution = await harness.RunAsync(Definition(Training("Train")));

        var reason = (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldNotBeNull();
        reason.ShouldContain("'output/failure' in the job's folder is a symbolic link (to '/etc/hostname')");
        reason.ShouldNotContain(File.ReadAllText("/etc/hostname").Trim());
    }

    [Fact]
    public async Task Run_ModelFolderHoldsALinkOut_FailsAndStoresNoModel()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Put("s3://bucket/data/train/data.csv", "1\n");
        harness.PackTarGz("s3://bucket/code/sourcedir.tar.gz",
            ("train.py", "import os\nos.symlink('/etc/passwd', '/opt/ml/model/passwd')\n"));

        var execution = await harness.RunAsync(Definition(Training("Train")));

        execution.Status.ShouldBe(ExecutionStatus.Failed);
        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldNotBeNull().ShouldContain("ClientError: 'passwd' in the job's folder is a symbolic link");
        (await harness.Engine.Objects.ListAsync("s3://bucket", TestContext.Current.CancellationToken)).ShouldNotContain(o => o.Uri.EndsWith("model.tar.gz", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_InstanceCountTwo_RunsEveryHostWithTheMultiHostContractAndUploadsAlgo1sModel()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Put("s3://bucket/data/train/data.csv", "1\n");
        harness.PackTarGz("s3://bucket/code/sourcedir.tar.gz", ("train.py", """
            import json, os, socket
            me = os.environ['SM_CURRENT_HOST']
            config = json.load(open('/opt/ml/input/config/resourceconfig.json'))
            assert config == {'current_host': me, 'hosts': ['algo-1', 'algo-2'], 'network_interface_name': 'eth0'}, config
            assert json.loads(os.environ['SM_HOSTS']) == ['algo-1', 'algo-2']
            assert json.loads(os.environ['SM_TRAINING_ENV'])['current_host'] == me
            assert socket.gethostname() == me
            assert open('/opt/ml/input/data/train/data.csv').read() == '1\n', 'every host gets the whole channel'
            open('/opt/ml/model/host.txt', 'w').write(me)
            print('trained on', me)
            """));
        var step = Training("Train");
        step["Arguments"]!["ResourceConfig"]!["InstanceCount"] = 2;

        var execution = await harness.RunAsync(Definition(step));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded, execution.FailureReason);
        var modelUri = $"s3://bucket/models/pipelines-{execution.ExecutionId}-Train/output/model.tar.gz";
        ObjectStoreFixtures.UnpackTarGz(harness.Engine.Objects.PathOf(modelUri))["host.txt"].ShouldBe("algo-1", "the model comes from the first host");
        var log = await File.ReadAllTextAsync(Path.Combine(harness.DataDirectory, "logs", execution.ExecutionId, "Train.log"), TestContext.Current.CancellationToken);
        log.ShouldContain("trained on algo-1");
        log.ShouldContain("trained on algo-2");
    }

    [Fact]
    public async Task Run_TwoHostsWithAShardedChannel_GivesEachHostItsShare()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Put("s3://bucket/data/train/a.csv", "1\n");
        harness.Put("s3://bucket/data/train/b.csv", "2\n");
        harness.PackTarGz("s3://bucket/code/sourcedir.tar.gz", ("train.py", """
            import os
            print(os.environ['SM_CURRENT_HOST'], 'has', ','.join(sorted(os.listdir('/opt/ml/input/data/train'))))
            """));
        var step = Training("Train");
        step["Arguments"]!["ResourceConfig"]!["InstanceCount"] = 2;
        step["Arguments"]!["InputDataConfig"]![0]!["DataSource"]!["S3DataSource"]!["S3DataDistributionType"] = "ShardedByS3Key";

        var execution = await harness.RunAsync(Definition(step));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded, execution.FailureReason);
        var log = await File.ReadAllTextAsync(Path.Combine(harness.DataDirectory, "logs", execution.ExecutionId, "Train.log"), TestContext.Current.CancellationToken);
        log.ShouldContain("algo-1 has a.csv\n");
        log.ShouldContain("algo-2 has b.csv\n");
    }

    [Fact]
    public async Task Run_OneOfTwoHostsFails_FailsWithThatHostsReasonAndStopsTheOther()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Put("s3://bucket/data/train/data.csv", "1\n");
        harness.PackTarGz("s3://bucket/code/sourcedir.tar.gz", ("train.py", """
            import os, sys, time
            if os.environ['SM_CURRENT_HOST'] == 'algo-2':
                open('/opt/ml/output/failure', 'w').write('shard 2 is broken')
                sys.exit(1)
            time.sleep(120)
            """));
        var step = Training("Train");
        step["Arguments"]!["ResourceConfig"]!["InstanceCount"] = 2;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var execution = await harness.RunAsync(Definition(step));

        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldBe("AlgorithmError: shard 2 is broken");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "the host still running is stopped when another fails");
    }

    [Fact]
    public async Task Run_BuiltInAlgorithmImage_SaysScriptModeIsNeeded()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var step = Training("Train");
        step["Arguments"]!["HyperParameters"] = new JsonObject { ["num_round"] = "100" };

        var execution = await harness.RunAsync(Definition(step));

        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldNotBeNull().ShouldStartWith(
            "image '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3' has no command to run on this machine: train in script mode");
    }

    private static JsonObject Training(string name) => new()
    {
        ["Name"] = name,
        ["Type"] = "Training",
        ["Arguments"] = new JsonObject
        {
            ["AlgorithmSpecification"] = new JsonObject
            {
                ["TrainingImage"] = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
                ["TrainingInputMode"] = "File",
                ["MetricDefinitions"] = new JsonArray(new JsonObject { ["Name"] = "loss", ["Regex"] = "loss: ([0-9\\.]+)" }),
            },
            ["OutputDataConfig"] = new JsonObject { ["S3OutputPath"] = "s3://bucket/models" },
            ["StoppingCondition"] = new JsonObject { ["MaxRuntimeInSeconds"] = 600 },
            ["ResourceConfig"] = new JsonObject { ["VolumeSizeInGB"] = 30, ["InstanceCount"] = 1, ["InstanceType"] = "ml.m5.xlarge" },
            ["RoleArn"] = "arn:aws:iam::111122223333:role/SageMakerRole",
            ["InputDataConfig"] = new JsonArray(new JsonObject
            {
                ["DataSource"] = new JsonObject { ["S3DataSource"] = new JsonObject { ["S3DataType"] = "S3Prefix", ["S3Uri"] = "s3://bucket/data/train", ["S3DataDistributionType"] = "FullyReplicated" } },
                ["ContentType"] = "text/csv",
                ["ChannelName"] = "train",
            }),
            ["HyperParameters"] = new JsonObject
            {
                ["epochs"] = "3",
                ["rate"] = "0.5",
                ["name"] = "\"tree\"",
                ["sagemaker_program"] = "\"train.py\"",
                ["sagemaker_submit_directory"] = "\"s3://bucket/code/sourcedir.tar.gz\"",
                ["sagemaker_container_log_level"] = "20",
                ["sagemaker_region"] = "\"us-east-1\"",
            },
        },
    };
}
