using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Sluice.Core.Execution;
using Sluice.Definitions;

namespace Sluice.Core.Tests.Execution;

/// <summary>
/// Cache keys by SageMaker's documented attribute lists: each listed attribute changes the key, everything else in the
/// step does not, and the order members are written in never does.
/// </summary>
public sealed class CacheKeysTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(200);

    /// <summary>Every attribute of SageMaker's list, per type (Arguments members unless marked as the step's own).</summary>
    private static readonly (string Type, string Attribute, bool OnStep)[] ListedAttributes =
    [
        ("Processing", "AppSpecification", false),
        ("Processing", "Environment", false),
        ("Processing", "ProcessingInputs", false),
        ("Training", "AlgorithmSpecification", false),
        ("Training", "CheckpointConfig", false),
        ("Training", "DebugHookConfig", false),
        ("Training", "DebugRuleConfigurations", false),
        ("Training", "Environment", false),
        ("Training", "HyperParameters", false),
        ("Training", "InputDataConfig", false),
        ("Tuning", "HyperParameterTuningJobConfig", false),
        ("Tuning", "TrainingJobDefinitions", false),
        ("AutoML", "AutoMLJobObjective", false),
        ("AutoML", "InputDataConfig", false),
        ("AutoML", "ProblemType", false),
        ("Transform", "DataProcessing", false),
        ("Transform", "Environment", false),
        ("Transform", "ModelName", false),
        ("Transform", "TransformInput", false),
        ("ClarifyCheck", "Arguments", true),
        ("ClarifyCheck", "CheckType", true),
        ("ClarifyCheck", "SkipCheck", true),
        ("ClarifyCheck", "RegisterNewBaseline", true),
        ("ClarifyCheck", "ModelPackageGroupName", true),
        ("ClarifyCheck", "SuppliedBaselineConstraints", true),
        ("QualityCheck", "Arguments", true),
        ("QualityCheck", "CheckType", true),
        ("QualityCheck", "SkipCheck", true),
        ("QualityCheck", "RegisterNewBaseline", true),
        ("QualityCheck", "ModelPackageGroupName", true),
        ("QualityCheck", "SuppliedBaselineConstraints", true),
        ("QualityCheck", "SuppliedBaselineStatistics", true),
        ("EMR", "ClusterId", false),
        ("EMR", "StepConfig", false),
    ];

    /// <summary>The listed attributes as theory rows.</summary>
    public static TheoryData<string, string, bool> Listed => new(ListedAttributes);

    /// <summary>Members of the job requests SageMaker leaves out of the key: outputs, names, resources, roles, limits.</summary>
    public static TheoryData<string, string> Unlisted => new()
    {
        { "Processing", "ProcessingOutputConfig" },
        { "Processing", "ProcessingResources" },
        { "Processing", "RoleArn" },
        { "Processing", "StoppingCondition" },
        { "Processing", "NetworkConfig" },
        { "Training", "OutputDataConfig" },
        { "Training", "ResourceConfig" },
        { "Training", "RoleArn" },
        { "Training", "StoppingCondition" },
        { "Training", "ProfilerConfig" },
        { "Tuning", "WarmStartConfig" },
        { "AutoML", "OutputDataConfig" },
        { "AutoML", "RoleArn" },
        { "Transform", "TransformOutput" },
        { "Transform", "TransformResources" },
        { "Transform", "MaxPayloadInMB" },
        { "EMR", "ClusterConfig" },
    };

    [Theory]
    [MemberData(nameof(Listed))]
    public void Compute_ListedAttributeChanged_ChangesTheKey(string type, string attribute, bool onStep)
    {
        var before = Key(Step(type));

        var changed = Step(type);
        (onStep ? changed : changed["Arguments"]!.AsObject())[attribute] = new JsonObject { ["changed"] = "yes" };

        Key(changed).ShouldNotBe(before, $"{type} {attribute}");
    }

    [Theory]
    [MemberData(nameof(Listed))]
    public void Compute_ListedAttributeRemoved_ChangesTheKey(string type, string attribute, bool onStep)
    {
        var step = Step(type);
        var container = onStep ? step : step["Arguments"]!.AsObject();
        container[attribute] = "present";
        var before = Key(step);

        container.Remove(attribute);

        Key(step).ShouldNotBe(before, $"{type} {attribute}");
    }

    [Theory]
    [MemberData(nameof(Unlisted))]
    public void Compute_UnlistedArgumentChanged_KeepsTheKey(string type, string member)
    {
        var step = Step(type);
        var before = Key(step);

        step["Arguments"]![member] = new JsonObject { ["S3Uri"] = "s3://bucket/pipeline/execution-2/out" };

        Key(step).ShouldBe(before, $"{type} {member}");
    }

    [Fact]
    public void Compute_AnyUnlistedArgumentMember_KeepsTheKey()
    {
        // Check steps count their whole Arguments (the processing request built from their check and job configs).
        var types = CacheKeyMembers.DocumentedTypes
            .Where(t => !CacheKeyMembers.For(t)!.Any(a => a.Scope == CacheKeyScope.Step && a.Name == "Arguments"))
            .Select(t => t.ToString()).ToArray();
        var names = Gen.Elements("ProcessingOutputConfig", "OutputDataConfig", "TransformOutput", "JobName", "Tags", "X", "Outputs", "KmsKeyId");
        Check.One(Runs, Prop.ForAll(Gen.Elements(types).ToArbitrary(), names.ToArbitrary(), ArbitraryJson(2).ToArbitrary(), (type, name, value) =>
        {
            var step = Step(type);
            var listed = CacheKeyMembers.For(StepTypes.Parse(type))!.Any(a => a.Name == name);
            var before = Key(step);
            step["Arguments"]![name] = value;
            return listed || Key(step) == before;
        }));
    }

    [Fact]
    public void Compute_AnyChangeToAListedAttribute_ChangesTheKey()
    {
        Check.One(Runs, Prop.ForAll(Gen.Elements(ListedAttributes).ToArbitrary(), ArbitraryJson(2).ToArbitrary(), ArbitraryJson(2).ToArbitrary(), (pair, a, b) =>
        {
            var first = Step(pair.Type);
            var second = Step(pair.Type);
            (pair.OnStep ? first : first["Arguments"]!.AsObject())[pair.Attribute] = a;
            (pair.OnStep ? second : second["Arguments"]!.AsObject())[pair.Attribute] = b;
            var same = Canonical(a) == Canonical(b);
            return (Key(first) == Key(second)) == same;
        }));
    }

    [Fact]
    public void Compute_MembersInAnotherOrder_KeepsTheKey()
    {
        string[] names = ["A", "B", "C", "D", "E"];
        Check.One(Runs, Prop.ForAll(Gen.Shuffle(names).ToArbitrary(), order =>
        {
            var sorted = Step("Processing");
            sorted["Arguments"]!["Environment"] = new JsonObject(names.Select(n => KeyValuePair.Create(n, (JsonNode?)JsonValue.Create(n.ToLowerInvariant()))));
            var shuffled = Step("Processing");
            shuffled["Arguments"]!["Environment"] = new JsonObject(order.Select(n => KeyValuePair.Create(n, (JsonNode?)JsonValue.Create(n.ToLowerInvariant()))));
            return Key(sorted) == Key(shuffled);
        }));
    }

    [Theory]
    [InlineData("AlgorithmSpecification", true)]
    [InlineData("HyperParameterRanges", true)]
    [InlineData("InputDataConfig", true)]
    [InlineData("StaticHyperParameters", true)]
    [InlineData("TuningObjective", true)]
    [InlineData("OutputDataConfig", false)]
    [InlineData("ResourceConfig", false)]
    [InlineData("RoleArn", false)]
    [InlineData("StoppingCondition", false)]
    public void Compute_TuningTrainingJobDefinitionChild_CountsOnlyWhenListed(string child, bool counts)
    {
        var step = Step("Tuning");
        var before = Key(step);

        step["Arguments"]!["TrainingJobDefinition"]![child] = new JsonObject { ["changed"] = true };

        (Key(step) != before).ShouldBe(counts, child);
    }

    [Theory]
    [InlineData("CompletionCriteria", true)]
    [InlineData("CandidateGenerationConfig", true)]
    [InlineData("DataSplitConfig", true)]
    [InlineData("Mode", true)]
    [InlineData("SecurityConfig", false)]
    public void Compute_AutoMLJobConfigChild_CountsOnlyWhenListed(string child, bool counts)
    {
        var step = Step("AutoML");
        var before = Key(step);

        step["Arguments"]!["AutoMLJobConfig"]![child] = "changed";

        (Key(step) != before).ShouldBe(counts, child);
    }

    [Fact]
    public void Compute_NullAndMissingMember_AreTheSame()
    {
        var missing = Step("ClarifyCheck");
        var written = Step("ClarifyCheck");
        written["SuppliedBaselineConstraints"] = null;

        Key(written).ShouldBe(Key(missing));
    }

    [Fact]
    public void Compute_ResolvedStepMember_IsWhatCounts()
    {
        var step = Step("ClarifyCheck");
        step["SkipCheck"] = new JsonObject { ["Get"] = "Parameters.Skip" };
        var read = Read(step);
        var args = read.Arguments!.Value;

        var skip = CacheKeys.Compute("p", read, args, new Dictionary<string, JsonElement> { ["SkipCheck"] = JsonDocument.Parse("true").RootElement });
        var run = CacheKeys.Compute("p", read, args, new Dictionary<string, JsonElement> { ["SkipCheck"] = JsonDocument.Parse("false").RootElement });

        skip.ShouldNotBe(run);
    }

    [Theory]
    [InlineData("Processing")]
    [InlineData("Lambda")]
    public void Compute_AnyStep_KeyCarriesTheSchemeVersion(string type)
    {
        var key = Key(Step(type));

        key.ShouldStartWith(CacheKeys.Version + "-");
        key.Length.ShouldBe(CacheKeys.Version.Length + 1 + 64);
    }

    [Fact]
    public void Compute_OtherPipelineOrStepName_ChangesTheKey()
    {
        var step = Read(Step("Processing"));
        var key = CacheKeys.Compute("p", step, step.Arguments!.Value);

        CacheKeys.Compute("q", step, step.Arguments!.Value).ShouldNotBe(key);
        var renamed = Step("Processing");
        renamed["Name"] = "Other";
        CacheKeys.Compute("p", Read(renamed), step.Arguments!.Value).ShouldNotBe(key);
    }

    [Fact]
    public void Compute_UndocumentedTypeAnyArgumentChanged_ChangesTheKey()
    {
        Check.One(Runs, Prop.ForAll(ArbitraryJson(2).ToArbitrary(), ArbitraryJson(2).ToArbitrary(), (a, b) =>
        {
            var first = Step("Lambda");
            first["Arguments"]!["payload"] = a;
            var second = Step("Lambda");
            second["Arguments"]!["payload"] = b;
            return (Key(first) == Key(second)) == (Canonical(a) == Canonical(b));
        }));
    }

    [Fact]
    public void Compute_UndocumentedTypeOutputParametersChanged_ChangesTheKey()
    {
        var step = Step("Lambda");
        var before = Key(step);

        step["OutputParameters"] = JsonNode.Parse("""[{"OutputName": "extra", "OutputType": "String"}]""");

        Key(step).ShouldNotBe(before);
    }

    [Fact]
    public void Compute_DisplayNameDescriptionDependsOnRetryAndCacheSettings_KeepTheKey()
    {
        var step = Step("Training");
        var before = Key(step);

        step["DisplayName"] = "Shown";
        step["Description"] = "About";
        step["RetryPolicies"] = JsonNode.Parse("""[{"ExceptionType": ["Step.SERVICE_FAULT"], "MaxAttempts": 2}]""");
        step["CacheConfig"] = JsonNode.Parse("""{"Enabled": true, "ExpireAfter": "P1D"}""");

        Key(step).ShouldBe(before);
    }

    private static string Key(JsonObject step)
    {
        var read = Read(step);
        return CacheKeys.Compute("pipeline", read, read.Arguments ?? default);
    }

    private static StepDefinition Read(JsonObject step)
    {
        var definition = new JsonObject { ["Version"] = "2020-12-01", ["Steps"] = new JsonArray(step.DeepClone()) };
        return DefinitionReader.Read(definition.ToJsonString()).Definition!.Steps[0];
    }

    private static string Canonical(JsonNode? node)
    {
        var step = new JsonObject { ["Name"] = "S", ["Type"] = "Lambda", ["FunctionArn"] = "f", ["Arguments"] = new JsonObject { ["v"] = node?.DeepClone() } };
        return Key(step);
    }

    /// <summary>A step of a type, with every member a default SDK request of that type writes.</summary>
    private static JsonObject Step(string type)
    {
        var arguments = type switch
        {
            "Processing" => """
                {"ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
                 "AppSpecification": {"ImageUri": "img", "ContainerEntrypoint": ["python3", "/opt/ml/processing/input/code/p.py"]},
                 "RoleArn": "arn:aws:iam::111122223333:role/R",
                 "ProcessingInputs": [{"InputName": "code", "S3Input": {"S3Uri": "s3://b/p/code/abc/p.py", "LocalPath": "/opt/ml/processing/input/code", "S3DataType": "S3Prefix", "S3InputMode": "File"}}],
                 "ProcessingOutputConfig": {"Outputs": [{"OutputName": "o", "S3Output": {"S3Uri": "s3://b/p/exec-1/P/output/o", "LocalPath": "/opt/ml/processing/output", "S3UploadMode": "EndOfJob"}}]}}
                """,
            "Training" => """
                {"AlgorithmSpecification": {"TrainingImage": "img", "TrainingInputMode": "File"},
                 "OutputDataConfig": {"S3OutputPath": "s3://b/p/exec-1/T"},
                 "ResourceConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 30},
                 "RoleArn": "arn:aws:iam::111122223333:role/R", "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
                 "HyperParameters": {"sagemaker_program": "\"train.py\""},
                 "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/train"}}}]}
                """,
            "Tuning" => """
                {"HyperParameterTuningJobConfig": {"Strategy": "Random", "ResourceLimits": {"MaxNumberOfTrainingJobs": 2, "MaxParallelTrainingJobs": 1}},
                 "TrainingJobDefinition": {"AlgorithmSpecification": {"TrainingImage": "img", "TrainingInputMode": "File"},
                   "OutputDataConfig": {"S3OutputPath": "s3://b/p/exec-1/Tune"}, "RoleArn": "arn:aws:iam::111122223333:role/R",
                   "ResourceConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 30},
                   "StoppingCondition": {"MaxRuntimeInSeconds": 86400}, "StaticHyperParameters": {"a": "1"}}}
                """,
            "AutoML" => """
                {"AutoMLJobConfig": {"CompletionCriteria": {"MaxCandidates": 3}, "Mode": "ENSEMBLING"},
                 "InputDataConfig": [{"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/in"}}, "TargetAttributeName": "y"}],
                 "OutputDataConfig": {"S3OutputPath": "s3://b/p/exec-1/A"}, "RoleArn": "arn:aws:iam::111122223333:role/R"}
                """,
            "Transform" => """
                {"ModelName": "m", "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/in"}}},
                 "TransformOutput": {"S3OutputPath": "s3://b/p/exec-1/X"},
                 "TransformResources": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge"}}
                """,
            "ClarifyCheck" or "QualityCheck" => """
                {"ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.c5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
                 "AppSpecification": {"ImageUri": "img"}, "RoleArn": "arn:aws:iam::111122223333:role/R"}
                """,
            "EMR" => """{"ClusterId": "j-1", "StepConfig": {"HadoopJarStep": {"Jar": "s3://b/a.jar"}}}""",
            _ => """{"payload": 1}""",
        };
        var step = new JsonObject { ["Name"] = "S", ["Type"] = type, ["Arguments"] = JsonNode.Parse(arguments) };
        if (type is "ClarifyCheck" or "QualityCheck")
        {
            step["CheckType"] = type == "ClarifyCheck" ? "DATA_BIAS" : "DATA_QUALITY";
            step["SkipCheck"] = false;
            step["RegisterNewBaseline"] = true;
            step["ModelPackageGroupName"] = "group";
        }
        else if (type == "Lambda")
        {
            step["FunctionArn"] = "arn:aws:lambda:us-east-1:111122223333:function:f";
        }

        return step;
    }

    /// <summary>Small arbitrary JSON values: scalars, arrays and objects, nested a few levels.</summary>
    private static Gen<JsonNode?> ArbitraryJson(int depth)
    {
        var scalar = Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Choose(-5, 5).Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Elements("", "a", "s3://b/x", "é", "\"q\"").Select(s => (JsonNode?)JsonValue.Create(s)));
        if (depth == 0)
        {
            return scalar;
        }

        var inner = ArbitraryJson(depth - 1);
        var array = Gen.ListOf(inner, 3).Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]));
        var obj = Gen.ListOf(Gen.Zip(Gen.Elements("a", "b", "c"), inner), 3)
            .Select(pairs => (JsonNode?)new JsonObject(pairs.DistinctBy(p => p.Item1).Select(p => KeyValuePair.Create(p.Item1, p.Item2?.DeepClone()))));
        return Gen.OneOf(scalar, array, obj);
    }
}
