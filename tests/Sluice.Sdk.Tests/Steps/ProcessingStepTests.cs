using Sluice.Sdk.Expressions;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Processing;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests.Steps;

public sealed class ProcessingStepTests
{
    [Fact]
    public void ToDefinitionJson_ProcessingSteps_MatchesThePythonSdk()
    {
        var instanceType = new ParameterString("ProcessingInstanceType", "ml.m5.xlarge");
        var instanceCount = new ParameterInteger("ProcessingInstanceCount", 1);
        var inputData = new ParameterString("InputData", "s3://sagemaker-sample-files/datasets/tabular/synthetic/churn.txt");
        var prep = new ProcessingStep("Prep", new Processor
        {
            ImageUri = Fixture.SklearnImage,
            Role = Fixture.Role,
            InstanceType = instanceType,
            InstanceCount = instanceCount,
            Environment = { ["PYTHONUNBUFFERED"] = "1", ["CHURN_LABEL"] = "Churn?" },
            MaxRuntimeInSeconds = 3600,
            Tags = { ["project"] = "customer-churn" },
        })
        {
            Inputs = { new ProcessingInput(inputData, "/opt/ml/processing/input") },
            Outputs =
            {
                new ProcessingOutput("/opt/ml/processing/train", outputName: "train"),
                new ProcessingOutput("/opt/ml/processing/validation", outputName: "validation"),
                new ProcessingOutput("/opt/ml/processing/test", outputName: "test"),
                new ProcessingOutput("/opt/ml/processing/statistics", outputName: "statistics"),
            },
            Arguments = { "--train-ratio", "0.7", "--validation-ratio", "0.15", "--random-state", "42" },
            Code = Fixture.Code("CustomerChurnProcessing", "45b7ee7f9dc1765740f1c32f875c8c48817493ab4923715cec2544d93b1f2b93", "preprocessing.py"),
            PropertyFiles = { new PropertyFile("SplitStatistics", "statistics", "split_stats.json") },
            DisplayName = "Prepare churn data",
            Description = "Splits the churn extract into train/validation/test — déjà vu 🚀",
            CacheConfig = new CacheConfig(true, "PT1H"),
        };
        var outputs = prep.Properties.ProcessingOutputConfig.Outputs;
        var features = new ProcessingStep("FeatureEngineering", new Processor
        {
            ImageUri = Fixture.SklearnImage,
            Role = Fixture.Role,
            InstanceType = "ml.m5.2xlarge",
            InstanceCount = 2,
            VolumeSizeInGB = 100,
            Entrypoint = { "/bin/bash", "/opt/ml/processing/input/entrypoint/runproc.sh" },
            NetworkConfig = new NetworkConfig { SecurityGroupIds = ["sg-0123456789abcdef0"], Subnets = ["subnet-0a1b2c3d4e5f60718"] },
        })
        {
            Inputs =
            {
                new ProcessingInput(outputs["train"].S3Output.S3Uri, "/opt/ml/processing/input/train", "train") { S3DataDistributionType = "ShardedByS3Key" },
                new ProcessingInput(outputs["validation"].S3Output.S3Uri, "/opt/ml/processing/input/validation", "validation"),
                new ProcessingInput(
                    Fixture.Code("CustomerChurnProcessing", "4a48a809671359f3233fdd2d660a1a46c56bffd3409d496f805dbe7c29fb21db", "sourcedir.tar.gz"),
                    "/opt/ml/processing/input/code/",
                    "code"),
                new ProcessingInput(
                    Fixture.Code("CustomerChurnProcessing", "595635ae89f3c16b63c7aa924b352f9369769dc86f461c4a161bb380d15b7e01", "runproc.sh"),
                    "/opt/ml/processing/input/entrypoint",
                    "entrypoint"),
            },
            Outputs = { new ProcessingOutput("/opt/ml/processing/features", outputName: "features") },
        };
        var pipeline = new Pipeline("CustomerChurnProcessing")
        {
            Parameters = { instanceType, instanceCount, inputData },
            Steps = { prep, features },
            Session = Fixture.Session,
        };

        Golden.ShouldMatch(pipeline, "sdk/processing.json");
    }

    [Fact]
    public void ToDefinitionJson_LocalCode_IsUploadedUnderItsContentHash()
    {
        using var folder = new TemporaryFolder();
        var script = folder.Write("evaluate.py", "print('hello')\n");
        var step = new ProcessingStep("Eval", new Processor { ImageUri = Fixture.SklearnImage, Role = Fixture.Role, InstanceType = "ml.m5.large" }) { Code = script };
        var pipeline = new Pipeline("Hashed") { Steps = { step }, Session = Fixture.Session };

        var definition = System.Text.Json.Nodes.JsonNode.Parse(pipeline.ToDefinitionJson())!;

        var expectedHash = Code.CodeHashTests.PythonHash(script);
        var code = definition["Steps"]![0]!["Arguments"]!["ProcessingInputs"]![0]!;
        code["InputName"]!.GetValue<string>().ShouldBe("code");
        code["S3Input"]!["S3Uri"]!.GetValue<string>().ShouldBe($"s3://{Fixture.Bucket}/Hashed/code/{expectedHash}/evaluate.py");
        definition["Steps"]![0]!["Arguments"]!["AppSpecification"]!["ContainerEntrypoint"]!.AsArray().Select(n => n!.GetValue<string>())
            .ShouldBe(["python3", "/opt/ml/processing/input/code/evaluate.py"]);
    }
}
