using System.Text;
using System.Text.Json.Nodes;
using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Examples;

public sealed class DiabetesConfigTests
{
    private const string DevBucket = "s3://sluice-diabetes-dev/";
    private const string DevRole = "arn:aws:iam::111122223333:role/SluiceDiabetesDev";
    private const string ProdRole = "arn:aws:iam::444455556666:role/SluiceDiabetesProd";

    /// <summary>The places in the definition each difference between dev's and prod's shared_config.yaml shows up.</summary>
    private static readonly string[] BucketPaths =
    [
        "$.Parameters[2].DefaultValue",
        "$.Steps[0].Arguments.ProcessingInputs[1].S3Input.S3Uri",
        "$.Steps[0].Arguments.ProcessingOutputConfig.Outputs[0].S3Output.S3Uri",
        "$.Steps[0].Arguments.ProcessingOutputConfig.Outputs[1].S3Output.S3Uri",
        "$.Steps[0].Arguments.ProcessingOutputConfig.Outputs[2].S3Output.S3Uri",
        "$.Steps[1].Arguments.DebugHookConfig.S3OutputPath",
        "$.Steps[1].Arguments.HyperParameters.sagemaker_submit_directory",
        "$.Steps[1].Arguments.OutputDataConfig.S3OutputPath",
        "$.Steps[1].Arguments.ProfilerConfig.S3OutputPath",
        "$.Steps[2].Arguments.ProcessingInputs[2].S3Input.S3Uri",
        "$.Steps[2].Arguments.ProcessingOutputConfig.Outputs[0].S3Output.S3Uri",
        "$.Steps[3].Arguments.IfSteps[0].Arguments.InferenceSpecification.Containers[0].Environment.SAGEMAKER_SUBMIT_DIRECTORY",
        "$.Steps[3].Arguments.IfSteps[0].Arguments.ModelMetrics.ModelQuality.Statistics.S3Uri",
        "$.Steps[3].Arguments.IfSteps[1].Arguments.PrimaryContainer.Environment.SAGEMAKER_SUBMIT_DIRECTORY",
        "$.Steps[3].Arguments.IfSteps[2].Arguments.TransformOutput.S3OutputPath",
    ];

    private static readonly string[] RolePaths =
    [
        "$.Steps[0].Arguments.RoleArn",
        "$.Steps[1].Arguments.RoleArn",
        "$.Steps[2].Arguments.RoleArn",
        "$.Steps[3].Arguments.IfSteps[1].Arguments.ExecutionRoleArn",
    ];

    private static readonly string[] EnvironmentTagPaths = ["$.Steps[0].Arguments.Tags[0].Value", "$.Steps[1].Arguments.Tags[0].Value", "$.Steps[2].Arguments.Tags[0].Value"];

    private static readonly Dictionary<string, (string Dev, string Prod)> OtherDifferences = new()
    {
        // parameters: ProcessingInstanceType, TrainingInstanceType and ModelApprovalStatus defaults
        ["$.Parameters[0].DefaultValue"] = ("\"ml.m5.large\"", "\"ml.m5.xlarge\""),
        ["$.Parameters[1].DefaultValue"] = ("\"ml.m5.large\"", "\"ml.m5.2xlarge\""),
        ["$.Parameters[5].DefaultValue"] = ("\"Approved\"", "\"PendingManualApproval\""),

        // values.cache: {enabled: false} in dev, {enabled: true, expire_after: P30D} in prod (PrepareData and TrainModel)
        ["$.Steps[0].CacheConfig.Enabled"] = ("false", "true"),
        ["$.Steps[0].CacheConfig.ExpireAfter"] = (null!, "\"P30D\""),
        ["$.Steps[1].CacheConfig.Enabled"] = ("false", "true"),
        ["$.Steps[1].CacheConfig.ExpireAfter"] = (null!, "\"P30D\""),

        // values.transform_instance_type
        ["$.Steps[3].Arguments.IfSteps[2].Arguments.TransformResources.InstanceType"] = ("\"ml.m5.large\"", "\"ml.m5.xlarge\""),
    };

    [Fact]
    public void Build_LocalEnvironment_WritesTheCommittedDefinitionByteForByte()
    {
        var committed = File.ReadAllBytes(Repository.DiabetesDefinition);

        var built = PipelineBuilder.ForDirectory(Repository.DiabetesConfig).Build("local");

        Encoding.UTF8.GetBytes(built.DefinitionJson).ShouldBe(committed);
        built.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Build_DevAndProd_DifferExactlyWhereTheirSharedConfigsDiffer()
    {
        var dev = JsonNode.Parse(PipelineBuilder.ForDirectory(Repository.DiabetesConfig).Build("dev").DefinitionJson);
        var prod = JsonNode.Parse(PipelineBuilder.ForDirectory(Repository.DiabetesConfig).Build("prod").DefinitionJson);

        var differences = JsonDiff.Of(dev, prod);

        differences.Keys.ShouldBe(BucketPaths.Concat(RolePaths).Concat(EnvironmentTagPaths).Concat(OtherDifferences.Keys).Order(StringComparer.Ordinal), ignoreOrder: false);
        foreach (var path in BucketPaths)
        {
            var (left, right) = differences[path];
            left.ShouldNotBeNull().ShouldContain(DevBucket[..^1]);
            right.ShouldBe(left.Replace("sluice-diabetes-dev", "sluice-diabetes-prod", StringComparison.Ordinal), path);
        }

        foreach (var path in RolePaths)
        {
            differences[path].ShouldBe(($"\"{DevRole}\"", $"\"{ProdRole}\""), path);
        }

        foreach (var path in EnvironmentTagPaths)
        {
            differences[path].ShouldBe(("\"dev\"", "\"prod\""), path);
        }

        foreach (var (path, expected) in OtherDifferences)
        {
            differences[path].ShouldBe(expected, path);
        }
    }

    [Fact]
    public void Build_DevAndProd_PassTheValidatorWithoutWarnings()
    {
        var builder = PipelineBuilder.ForDirectory(Repository.DiabetesConfig);

        builder.Build("dev").Warnings.ShouldBeEmpty();
        builder.Build("prod").Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Environments_StepFiles_AreTheSameInEveryEnvironment()
    {
        var environments = new[] { "local", "dev", "prod" };
        var stepFiles = environments.Select(e => Directory.GetFiles(Path.Combine(Repository.DiabetesConfig, e), "*.yaml")
            .Where(f => Path.GetFileName(f) != "shared_config.yaml")
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText)).ToList();

        stepFiles[0].Count.ShouldBe(8);
        stepFiles[1].ShouldBe(stepFiles[0]);
        stepFiles[2].ShouldBe(stepFiles[0]);
    }
}
