using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sluice.Core.Storage;
using Sluice.Core.Tests.Support;
using Sluice.Definitions;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Execution;

/// <summary>
/// Cache hits as a default SDK pipeline gets them: output paths that contain the execution ID do not count in the key,
/// and a step taken from the cache gives its successors the outputs of the run it came from.
/// </summary>
public sealed class CacheHitTests
{
    private const string Role = "arn:aws:iam::111122223333:role/SageMakerRole";

    [Fact]
    public async Task Run_ExecutionScopedOutputPaths_SecondRunHitsAndSuccessorReadsTheFirstRunsOutputs()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var definition = Definition(
            Processing(
                "Prep",
                "import uuid\nopen('/opt/ml/processing/output/token.txt', 'w').write(uuid.uuid4().hex)",
                inputs: [],
                output: ScopedOutput("Prep")).WithCache(),
            Processing(
                "Use",
                "import shutil\nshutil.copy('/opt/ml/processing/input/prep/token.txt', '/opt/ml/processing/output/token.txt')",
                inputs: [Get("Steps.Prep.ProcessingOutputConfig.Outputs['o'].S3Output.S3Uri")],
                output: ScopedOutput("Use")));

        var first = await harness.RunAsync(definition);
        var second = await harness.RunAsync(definition);

        first.Status.ShouldBe(ExecutionStatus.Succeeded, first.FailureReason);
        second.Status.ShouldBe(ExecutionStatus.Succeeded, second.FailureReason);
        var prep = (await harness.StepsAsync(second.Arn)).Single(s => s.StepName == "Prep");
        prep.CacheSourceExecutionArn.ShouldBe(first.Arn);
        prep.PropertiesJson.ShouldNotBeNull().ShouldContain($"s3://bucket/pipe/{first.ExecutionId}/Prep", Case.Sensitive, "a hit gives the properties of the run it reuses");
        File.Exists(Object(harness, second, "Prep")).ShouldBeFalse("the cached step did not run again");
        var token = File.ReadAllText(Object(harness, first, "Prep"));
        File.ReadAllText(Object(harness, second, "Use")).ShouldBe(token);
        (await harness.StepsAsync(second.Arn)).Single(s => s.StepName == "Use").CacheSourceExecutionArn.ShouldBeNull();
    }

    [Fact]
    public async Task Run_ListedAttributeChanged_RunsAgain()
    {
        await using var harness = await EngineHarness.CreateAsync();
        const string script = "import os\nopen('/opt/ml/processing/output/token.txt', 'w').write(os.environ['MODE'])";
        JsonObject Pipeline(string mode) => Definition(Processing("Prep", script, [], ScopedOutput("Prep"), new JsonObject { ["MODE"] = mode }).WithCache());

        var first = await harness.RunAsync(Pipeline("a"));
        var second = await harness.RunAsync(Pipeline("b"));

        second.Status.ShouldBe(ExecutionStatus.Succeeded, second.FailureReason);
        (await harness.StepsAsync(second.Arn)).Single().CacheSourceExecutionArn.ShouldBeNull();
        File.ReadAllText(Object(harness, second, "Prep")).ShouldBe("b");
        File.ReadAllText(Object(harness, first, "Prep")).ShouldBe("a");
    }

    [Fact]
    public async Task Run_EntryUnderTheOldKeyScheme_IsAMiss()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var definition = Definition(Processing("P", "print('ran')", [], "s3://bucket/fixed").WithCache());
        var read = DefinitionReader.Read(definition.ToJsonString()).Definition!.Steps[0];
        await harness.Store.AddCacheEntryAsync(
            new CacheEntry(OldSchemeKey("test-pipeline", read), "arn:aws:sagemaker:us-east-1:000000000000:pipeline/test-pipeline/execution/old", "P", "{}", null, harness.Time.GetUtcNow()),
            TestContext.Current.CancellationToken);

        var execution = await harness.RunAsync(definition);

        execution.Status.ShouldBe(ExecutionStatus.Succeeded, execution.FailureReason);
        (await harness.StepsAsync(execution.Arn)).Single().CacheSourceExecutionArn.ShouldBeNull();
    }

    /// <summary>The key scheme before version 2, as it was written: every resolved argument and member, hashed bare.</summary>
    private static string OldSchemeKey(string pipelineName, StepDefinition step)
    {
        string[] ignored = ["Name", "Arguments", "DisplayName", "Description", "DependsOn", "CacheConfig", "RetryPolicies"];
        var text = new StringBuilder();
        text.Append(pipelineName).Append('\n').Append(step.Name).Append('\n').Append(step.TypeName).Append('\n');
        text.Append(DefinitionWriter.Write(step.Arguments!.Value)).Append('\n');
        foreach (var member in step.Source.EnumerateObject().Where(m => !ignored.Contains(m.Name)))
        {
            text.Append(member.Name).Append('=').Append(DefinitionWriter.Write(member.Value)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>An output path as the SageMaker Python SDK's defaults make it: under the execution's ID.</summary>
    private static JsonObject ScopedOutput(string step) =>
        Join("/", "s3://bucket/pipe", Get("Execution.PipelineExecutionId"), step);

    private static string Object(EngineHarness harness, ExecutionRecord execution, string step) =>
        harness.Engine.Objects.PathOf($"s3://bucket/pipe/{execution.ExecutionId}/{step}/token.txt");

    private static JsonObject Processing(string name, string script, JsonNode[] inputs, JsonNode output, JsonObject? environment = null)
    {
        var arguments = new JsonObject
        {
            ["ProcessingResources"] = new JsonObject { ["ClusterConfig"] = new JsonObject { ["InstanceType"] = "ml.m5.xlarge", ["InstanceCount"] = 1, ["VolumeSizeInGB"] = 30 } },
            ["AppSpecification"] = new JsonObject { ["ImageUri"] = "python:3", ["ContainerEntrypoint"] = new JsonArray("python3", "-c", script) },
            ["RoleArn"] = Role,
            ["ProcessingInputs"] = new JsonArray([.. inputs.Select(uri => (JsonNode)new JsonObject
            {
                ["InputName"] = "prep",
                ["S3Input"] = new JsonObject { ["S3Uri"] = uri.DeepClone(), ["LocalPath"] = "/opt/ml/processing/input/prep", ["S3DataType"] = "S3Prefix", ["S3InputMode"] = "File" },
            })]),
            ["ProcessingOutputConfig"] = new JsonObject
            {
                ["Outputs"] = new JsonArray(new JsonObject
                {
                    ["OutputName"] = "o",
                    ["S3Output"] = new JsonObject { ["S3Uri"] = output, ["LocalPath"] = "/opt/ml/processing/output", ["S3UploadMode"] = "EndOfJob" },
                }),
            },
        };
        if (environment is not null)
        {
            arguments["Environment"] = environment;
        }

        return new JsonObject { ["Name"] = name, ["Type"] = "Processing", ["Arguments"] = arguments };
    }
}
