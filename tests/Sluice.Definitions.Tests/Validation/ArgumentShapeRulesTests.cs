using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Definitions.Tests.Support;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Tests.Validation;

/// <summary>Job steps' literal Arguments checked against the Create* request shapes of botocore's model.</summary>
public sealed class ArgumentShapeRulesTests
{
    [Theory]
    [InlineData(0, "ProcessingResources.ClusterConfig.InstanceCount", "\"one\"", "must be a whole number, not \"one\"")]
    [InlineData(0, "ProcessingResources.ClusterConfig.InstanceCount", "0", "0 breaks CreateProcessingJob's rule: must have value greater than or equal to 1")]
    [InlineData(0, "ProcessingResources.ClusterConfig.InstanceType", "\"ml.m5.huge\"", "must satisfy enum value set: [")]
    [InlineData(0, "AppSpecification.ContainerEntrypoint", "\"python3 prep.py\"", "must be a list, not a string")]
    [InlineData(1, "StoppingCondition.MaxRuntimeInSeconds", "-5", "-5 breaks CreateTrainingJob's rule: must have value greater than or equal to 1")]
    [InlineData(1, "HyperParameters", "{\"n_estimators\": [1, 2]}", "HyperParameters.n_estimators")]
    [InlineData(1, "ResourceConfig.VolumeSizeInGB", "true", "must be a whole number, not true")]
    public void Validate_LiteralArgumentBreakingTheRequestShape_IsAnErrorNamingStepAndPath(int step, string member, string json, string problem)
    {
        var definition = TestDefinitions.Pipeline();
        Set(definition.Step(step).Arguments(), member, JsonNode.Parse(json));

        var errors = TestDefinitions.Validate(definition).Errors.Where(d => d.Code == DiagnosticCodes.ArgumentShape).ToList();

        var error = errors.ShouldHaveSingleItem();
        error.OwnerPath.ShouldBe($"Steps[{step}]");
        error.OwnerName.ShouldBe(step == 0 ? "Prep" : "Train");
        (error.MemberPath + ": " + error.Message).ShouldContain(problem);
        error.MemberPath.ShouldStartWith("Arguments." + member);
    }

    [Fact]
    public void Validate_ListAsAHyperparameterValue_SaysAStringIsNeeded()
    {
        var definition = TestDefinitions.Pipeline();
        definition.Step(1).Arguments()["HyperParameters"] = new JsonObject { ["n_estimators"] = new JsonArray(1, 2) };

        var error = TestDefinitions.Validate(definition).Errors.Single(d => d.Code == DiagnosticCodes.ArgumentShape);

        error.MemberPath.ShouldBe("Arguments.HyperParameters.n_estimators");
        error.Message.ShouldBe("must be a string, not a list");
    }

    [Fact]
    public void FirstProblem_ResolvedNumberWhereAStringBelongs_IsItsText()
    {
        var arguments = TestDefinitions.Pipeline().Step(1).Arguments();
        arguments["InputDataConfig"]![0]!["DataSource"]!["S3DataSource"]!["S3Uri"] = "s3://bucket/train";
        arguments["HyperParameters"] = new JsonObject { ["max_depth"] = 4, ["verbose"] = true };

        ArgumentShapeRules.FirstProblem(StepType.Training, JsonDocument.Parse(arguments.ToJsonString()).RootElement).ShouldBeNull();
    }

    [Fact]
    public void FirstProblem_ResolvedValueOutOfRange_NamesThePath()
    {
        var arguments = TestDefinitions.Pipeline().Step(1).Arguments();
        arguments["InputDataConfig"]![0]!["DataSource"]!["S3DataSource"]!["S3Uri"] = "s3://bucket/train";
        arguments["StoppingCondition"]!["MaxRuntimeInSeconds"] = -5;

        ArgumentShapeRules.FirstProblem(StepType.Training, JsonDocument.Parse(arguments.ToJsonString()).RootElement)
            .ShouldBe("Arguments.StoppingCondition.MaxRuntimeInSeconds: -5 breaks CreateTrainingJob's rule: must have value greater than or equal to 1");
    }

    [Fact]
    public void FirstProblem_EscapedNamesAndTexts_AreCheckedAsTheirText()
    {
        var arguments = TestDefinitions.Pipeline().Step(1).Arguments();
        arguments["InputDataConfig"]![0]!["DataSource"]!["S3DataSource"]!["S3Uri"] = "s3://bucket/train";
        arguments["ResourceConfig"]!["InstanceType"] = "ml.m5.xlarge";
        arguments.Remove("StoppingCondition");
        arguments["HyperParameters"] = new JsonObject { ["x"] = "1" };
        var json = arguments.ToJsonString()
            .Replace("\"ml.m5.xlarge\"", "\"ml.m5.\\u0078large\"", StringComparison.Ordinal)
            .Replace("\"HyperParameters\":{", "\"HyperParameters\":{\"d\\u0065pth\":\"4\",", StringComparison.Ordinal);
        json = json[..^1] + ",\"Stopping\\u0043ondition\":{\"MaxRuntimeInSeconds\":-5}}";

        ArgumentShapeRules.FirstProblem(StepType.Training, JsonDocument.Parse(json).RootElement)
            .ShouldBe("Arguments.StoppingCondition.MaxRuntimeInSeconds: -5 breaks CreateTrainingJob's rule: must have value greater than or equal to 1");
    }

    [Fact]
    public void FirstProblem_TextLongerThanTheStackBuffer_IsStillMeasured()
    {
        var arguments = TestDefinitions.Pipeline().Step(1).Arguments();
        arguments["InputDataConfig"]![0]!["DataSource"]!["S3DataSource"]!["S3Uri"] = "s3://bucket/train";
        arguments["HyperParameters"] = new JsonObject { [new string('k', 300)] = "1", ["long"] = new string('v', 2501) };

        var problem = ArgumentShapeRules.FirstProblem(StepType.Training, JsonDocument.Parse(arguments.ToJsonString()).RootElement);

        problem.ShouldNotBeNull();
        problem.ShouldStartWith("Arguments.HyperParameters.");
        problem.ShouldContain("must have length less than or equal to");
    }

    [Fact]
    public void FirstProblem_CleanArgumentsWithManyValues_AllocatesNothingPerValue()
    {
        var arguments = TestDefinitions.Pipeline().Step(1).Arguments();
        arguments["InputDataConfig"]![0]!["DataSource"]!["S3DataSource"]!["S3Uri"] = "s3://bucket/train";
        var hyperparameters = new JsonObject();
        for (var i = 0; i < 100; i++)
        {
            hyperparameters[$"parameter_{i}"] = $"value-{i}";
        }

        arguments["HyperParameters"] = hyperparameters;
        var root = JsonDocument.Parse(arguments.ToJsonString()).RootElement;
        ArgumentShapeRules.FirstProblem(StepType.Training, root).ShouldBeNull(); // loads the shapes

        // Unoptimized (tier-0) code may box what optimized code keeps on the stack, so the figure is the least of
        // repeated calls, taken once the JIT has optimized the walk (or after at most 20 s on a very busy machine).
        var least = long.MaxValue;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (least >= 2_000 && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            ArgumentShapeRules.FirstProblem(StepType.Training, root).ShouldBeNull();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        least.ShouldBeLessThan(2_000, "a clean step costs a few small objects, not one per value (200 values here)");
    }

    [Fact]
    public void Validate_RequiredMemberMissing_NamesItAndTheRequest()
    {
        var definition = TestDefinitions.Pipeline();
        definition.Step(0).Arguments().Remove("ProcessingResources");

        var error = TestDefinitions.Validate(definition).Errors.Single(d => d.Code == DiagnosticCodes.ArgumentShape);

        error.ToString().ShouldContain("Arguments.ProcessingResources");
        error.Message.ShouldBe("is required by CreateProcessingJob");
    }

    [Fact]
    public void Validate_ExpressionsNullsUnknownMembersAndTheJobName_AreLeftAlone()
    {
        var definition = TestDefinitions.Pipeline();
        var resources = definition.Step(0).Arguments()["ProcessingResources"]!["ClusterConfig"]!.AsObject();
        resources["InstanceCount"] = Pipelines.Get("Parameters.Threshold");
        resources["VolumeKmsKeyId"] = null;
        definition.Step(0).Arguments()["SluiceOwnSetting"] = new JsonArray("anything");
        definition.Step(0).Arguments()["ProcessingJobName"] = new string('j', 70); // SLU211 warns; not this rule's concern
        definition.Step(1).Arguments()["HyperParameters"] = new JsonObject { ["depth"] = Pipelines.Join(",", "a", Pipelines.Get("Parameters.Mode")) };

        TestDefinitions.Validate(definition).Diagnostics.ShouldNotContain(d => d.Code == DiagnosticCodes.ArgumentShape);
    }

    [Fact]
    public void Validate_SecretValueBreakingItsShape_IsNotEchoed()
    {
        var definition = TestDefinitions.Pipeline();
        definition.IfStep(0).Arguments()["ModelCard"] = new JsonObject { ["ModelCardContent"] = 12345678, ["ModelCardStatus"] = "Draft" };

        var error = TestDefinitions.Validate(definition).Errors.Single(d => d.Code == DiagnosticCodes.ArgumentShape);

        error.OwnerName.ShouldBe("Register");
        error.MemberPath.ShouldBe("Arguments.ModelCard.ModelCardContent");
        error.Message.ShouldBe("must be a string, not a number");
    }

    [Fact]
    public void Validate_EveryStepBroken_ReportsAtMostTwentyPerStep()
    {
        var definition = TestDefinitions.Pipeline();
        definition.Step(1).Arguments()["HyperParameters"] = new JsonObject(Enumerable.Range(0, 50).Select(i => KeyValuePair.Create<string, JsonNode?>($"h{i}", new JsonArray())));

        TestDefinitions.Validate(definition).Errors.Count(d => d.Code == DiagnosticCodes.ArgumentShape).ShouldBe(20);
    }

    [Theory]
    [MemberData(nameof(SdkFixtures))]
    public void Validate_DefinitionTheSdkWrote_HasNoShapeProblem(string fixture)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sdk", fixture));

        DefinitionValidator.Validate(json).Diagnostics.Where(d => d.Code == DiagnosticCodes.ArgumentShape).ShouldBeEmpty();
    }

    public static TheoryData<string> SdkFixtures() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sdk"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static void Set(JsonObject arguments, string member, JsonNode? value)
    {
        var parts = member.Split('.');
        var parent = arguments;
        foreach (var part in parts[..^1])
        {
            parent = parent[part]!.AsObject();
        }

        parent[parts[^1]] = value;
    }
}
