using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Processing;
using Sluice.Sdk.Retry;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests;

public sealed class PipelineTests
{
    [Fact]
    public void ToDefinitionJson_NoExperimentConfig_WritesNullAsThePythonSdk()
    {
        var inputData = new ParameterString("InputData", "s3://sagemaker-us-west-2-111122223333/churn/raw/churn.csv");
        var pipeline = new Pipeline("NoExperiments")
        {
            Parameters = { inputData },
            Steps = { Prep(inputData, Fixture.Code("NoExperiments", "6aa391374e0f88f2a39673941f346f1a189545744db83f5f45baa79ab28a268a", "preprocessing.py")) },
            ExperimentConfig = null,
            Session = Fixture.Session,
        };

        Golden.ShouldMatch(pipeline, "sdk/experiment_config_null.json");
    }

    [Fact]
    public void ToDefinitionJson_CacheAndRetryPolicies_MatchesThePythonSdk()
    {
        var inputData = new ParameterString("InputData", "s3://sagemaker-us-west-2-111122223333/churn/raw/churn.csv");
        var prep = Prep(inputData, Fixture.Code("CacheAndRetry", "3222ea26cb7fd13a85a9dde5c5fe455b1a435668c238022a558bbeb22a7b1d72", "preprocessing.py"));
        prep.CacheConfig = new CacheConfig(true, "PT1H");
        prep.RetryPolicies.Add(new StepRetryPolicy(StepExceptionType.ServiceFault, StepExceptionType.Throttling) { IntervalSeconds = 10, MaxAttempts = 5 });
        prep.RetryPolicies.Add(new SageMakerJobStepRetryPolicy(SageMakerJobExceptionType.InternalError, SageMakerJobExceptionType.CapacityError, SageMakerJobExceptionType.ResourceLimit)
        {
            BackoffRate = 1.5,
            IntervalSeconds = 60,
            ExpireAfterMin = 120,
        });
        var train = new TrainingStep("Train", new Training.Estimator
        {
            ImageUri = Fixture.XgboostImage,
            Role = Fixture.Role,
            InstanceType = "ml.m5.xlarge",
            OutputPath = $"s3://{Fixture.Bucket}/CacheAndRetry/models",
            HyperParameters = { ["objective"] = "binary:logistic", ["num_round"] = "100", ["eval_metric"] = "auc" },
        })
        {
            Inputs = { ["train"] = new Training.TrainingInput(prep.Properties.ProcessingOutputConfig.Outputs["train"].S3Output.S3Uri) { ContentType = "text/csv" } },
            CacheConfig = new CacheConfig(true, "P30D"),
            RetryPolicies = { new SageMakerJobStepRetryPolicy(SageMakerJobExceptionType.CapacityError) { MaxAttempts = 3 } },
        };
        var model = ModelStep.Create("ChurnModel", new Models.Model { ImageUri = Fixture.XgboostImage, Role = Fixture.Role, ModelData = train.Properties.ModelArtifacts.S3ModelArtifacts });
        model.RetryPolicies.Add(new StepRetryPolicy(StepExceptionType.Throttling) { ExpireAfterMin = 10 });
        var notify = new LambdaStep("Notify", "arn:aws:lambda:us-west-2:111122223333:function:notify-team")
        {
            Inputs = { ["model_name"] = model.Properties.ModelName },
            CacheConfig = new CacheConfig(),
        };

        // Only the last step is listed: the steps it reads from, directly or not, are added as the Python SDK adds them.
        var pipeline = new Pipeline("CacheAndRetry") { Parameters = { inputData }, Steps = { notify }, Session = Fixture.Session };

        var steps = JsonNode.Parse(pipeline.ToDefinitionJson())!["Steps"]!.AsArray();
        steps.Select(s => s!["Name"]!.GetValue<string>()).ShouldBe(["Notify", "ChurnModel-CreateModel", "Train", "Prep"]);
        var golden = Golden.Load("sdk/cache_retry.json");
        foreach (var step in steps)
        {
            var name = step!["Name"]!.GetValue<string>();
            Golden.ShouldMatch(step, golden["Steps"]!.AsArray().Single(s => s!["Name"]!.GetValue<string>() == name), $"$.Steps['{name}']");
        }
    }

    [Fact]
    public void ToDefinitionJson_DuplicateStepNames_ThrowsWithTheValidatorsMessage()
    {
        var pipeline = new Pipeline("Dup")
        {
            Steps = { new FailStep("Same", "one"), new ConditionStep("Check") { ElseSteps = { new FailStep("Same", "two") } } },
        };

        var error = Should.Throw<PipelineValidationException>(pipeline.ToDefinitionJson);

        error.Message.ShouldContain("SLU");
        error.Message.ShouldContain("'Same'");
        error.Message.ShouldContain("step names must be unique");
        error.Diagnostics.ShouldContain(d => d.Severity == Definitions.Validation.DiagnosticSeverity.Error && d.OwnerPath == "Steps[1].Arguments.ElseSteps[0]");
    }

    [Fact]
    public void ToDefinitionJson_ParameterUsedButNotDeclared_ThrowsNamingTheStepAndPath()
    {
        var threshold = new ParameterFloat("Threshold", 1.0);
        var pipeline = new Pipeline("Undeclared") { Steps = { new FailStep("Stop", new Join(" ", "threshold", threshold)) } };

        var error = Should.Throw<PipelineValidationException>(pipeline.ToDefinitionJson);

        error.Message.ShouldContain("Steps[0] 'Stop' Arguments.ErrorMessage");
        error.Message.ShouldContain("parameter 'Threshold', which is not declared");
    }

    [Fact]
    public void Validate_UnusedParameter_ReturnsAWarningAndStillWrites()
    {
        var pipeline = new Pipeline("Unused") { Parameters = { new ParameterString("Unused", "x") }, Steps = { new FailStep("Stop") } };

        var diagnostics = pipeline.Validate();

        diagnostics.ShouldHaveSingleItem().Severity.ShouldBe(Definitions.Validation.DiagnosticSeverity.Warning);
        pipeline.ToDefinitionJson().ShouldContain("\"Unused\"");
    }

    [Fact]
    public void ToDefinitionJson_DependsOnAStepNotListed_AddsTheStepAfterTheListedOnes()
    {
        var first = new FailStep("First", "never");
        var second = new ConditionStep("Second") { DependsOn = { first } };
        var pipeline = new Pipeline("Order") { Steps = { second } };

        var steps = JsonNode.Parse(pipeline.ToDefinitionJson())!["Steps"]!.AsArray();

        steps.Select(s => s!["Name"]!.GetValue<string>()).ShouldBe(["Second", "First"]);
        steps[0]!["DependsOn"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["First"]);
    }

    [Fact]
    public void ToDefinitionJson_DefinitionText_IsWrittenAsPythonJsonDumps()
    {
        var pipeline = new Pipeline("Text")
        {
            Parameters = { new ParameterFloat("F", 3500.0) },
            Steps = { new FailStep("Stop", new Join(" ", "déjà", new ParameterFloat("F"))) },
        };

        var text = pipeline.ToDefinitionJson();

        text.ShouldStartWith("""{"Version": "2020-12-01", "Metadata": {}, "Parameters": [{"Name": "F", "Type": "Float", "DefaultValue": 3500.0}], "PipelineExperimentConfig": """);
        text.ShouldContain("\"d\\u00e9j\\u00e0\"");
    }

    private static ProcessingStep Prep(ParameterString inputData, string code) =>
        new("Prep", new Processor { ImageUri = Fixture.SklearnImage, Role = Fixture.Role, InstanceType = "ml.m5.xlarge" })
        {
            Inputs = { new ProcessingInput(inputData, "/opt/ml/processing/input") },
            Outputs = { new ProcessingOutput("/opt/ml/processing/train", outputName: "train") },
            Code = code,
        };
}
