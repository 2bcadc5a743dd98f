using Sluice.Sdk.Conditions;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Models;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Processing;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;
using Sluice.Sdk.Training;

namespace Sluice.Sdk.Tests.Steps;

public sealed class ConditionStepTests
{
    [Fact]
    public void ToDefinitionJson_EveryConditionType_MatchesThePythonSdk()
    {
        var trainData = new ParameterString("TrainData", "s3://sagemaker-us-west-2-111122223333/churn/train");
        var testData = new ParameterString("TestData", "s3://sagemaker-us-west-2-111122223333/churn/test");
        var modelType = new ParameterString("ModelType", "xgboost");
        var minAccuracy = new ParameterFloat("MinAccuracy", 0.8);
        var maxBillable = new ParameterInteger("MaxBillableSeconds", 3600);
        var stage = new ParameterString("DeployStage", "beta", ["beta", "gamma", "prod"]);
        var force = new ParameterBoolean("ForceRegister", false);
        var train = new TrainingStep("Train", XgboostEstimator("QualityGate"))
        {
            Inputs =
            {
                ["train"] = new TrainingInput(trainData) { ContentType = "text/csv" },
                ["validation"] = new TrainingInput(testData) { ContentType = "text/csv" },
            },
        };
        var report = new PropertyFile("EvaluationReport", "evaluation", "evaluation.json");
        var evaluate = new ProcessingStep("Evaluate", new Processor { ImageUri = Fixture.XgboostImage, Role = Fixture.Role, InstanceType = "ml.m5.xlarge" })
        {
            Inputs =
            {
                new ProcessingInput(train.Properties.ModelArtifacts.S3ModelArtifacts, "/opt/ml/processing/model"),
                new ProcessingInput(testData, "/opt/ml/processing/test"),
            },
            Outputs = { new ProcessingOutput("/opt/ml/processing/evaluation", outputName: "evaluation") },
            Code = Fixture.Code("QualityGate", "040e908137b80d923681f5f4c655b11aa87daa103b6d5e97b1dcc5cd4a6132f8", "evaluate.py"),
            PropertyFiles = { report },
        };
        var auc = train.Properties.FinalMetricDataList["validation:auc"].Value;
        var register = ModelStep.Register("GateModel", new Model { ImageUri = Fixture.XgboostImage, ModelData = train.Properties.ModelArtifacts.S3ModelArtifacts }, "ChurnModelPackageGroup");
        register.ContentTypes.Add("text/csv");
        register.ResponseTypes.Add("text/csv");
        register.InferenceInstances.Add("ml.m5.large");
        register.TransformInstances.Add("ml.m5.large");
        register.SkipModelValidation = "None";
        var gate = new ConditionStep("QualityGate")
        {
            Conditions =
            {
                new ConditionEquals(modelType, "xgboost"),
                new ConditionGreaterThan(auc, 0.7),
                new ConditionGreaterThanOrEqualTo(new JsonGet(evaluate, report, "binary_classification_metrics.accuracy.value"), minAccuracy),
                train.Properties.TrainingTimeInSeconds < 7200,
                new ConditionLessThanOrEqualTo(train.Properties.BillableTimeInSeconds, maxBillable),
                stage.In("beta", "gamma", "prod"),
                !new ConditionIn(modelType, "linear-learner", "knn"),
                new JsonGet(evaluate, report, "binary_classification_metrics.auc.value") > 0.9 | force.EqualTo(true),
            },
            IfSteps =
            {
                register,
                new ConditionStep("IsProduction")
                {
                    Conditions = { stage.EqualTo("prod") },
                    IfSteps =
                    {
                        new LambdaStep("DeployToProduction", "arn:aws:lambda:us-west-2:111122223333:function:deploy-model-package")
                        {
                            Inputs = { ["model_package_arn"] = register.Properties.ModelPackageArn, ["stage"] = stage },
                            Outputs = { new OutputParameter("endpoint_name") },
                        },
                    },
                },
            },
            ElseSteps = { new FailStep("QualityGateFailed", new Join(" ", "Model failed the quality gate; validation AUC was", auc)) },
            DisplayName = "Quality gate",
            Description = "Every condition type the SDK emits",
        };
        var pipeline = new Pipeline("QualityGate")
        {
            Parameters = { trainData, testData, modelType, minAccuracy, maxBillable, stage, force },
            Steps = { train, evaluate, gate },
            Session = Fixture.Session,
        };

        Golden.ShouldMatch(pipeline, "sdk/condition_all_types.json");
    }

    [Fact]
    public void ToDefinitionJson_ParametersOfEveryType_MatchesThePythonSdk()
    {
        var instanceType = new ParameterString("ProcessingInstanceType", "ml.m5.xlarge", ["ml.m5.xlarge", "ml.m5.2xlarge", "ml.c5.2xlarge"]);
        var instanceCount = new ParameterInteger("ProcessingInstanceCount", 1);
        var testSplit = new ParameterFloat("TestSplit", 0.2);
        var skip = new ParameterBoolean("SkipProcessing", false);
        var inputUrl = new ParameterString("InputDataUrl");
        var seed = new ParameterInteger("RandomSeed");
        var prep = new ProcessingStep("Prep", new Processor { ImageUri = Fixture.SklearnImage, Role = Fixture.Role, InstanceType = instanceType, InstanceCount = instanceCount })
        {
            Inputs = { new ProcessingInput(inputUrl, "/opt/ml/processing/input") },
            Outputs = { new ProcessingOutput("/opt/ml/processing/train", outputName: "train") },
            Arguments = { "--test-split", testSplit.ToStringExpression(), "--seed", seed.ToStringExpression() },
            Code = Fixture.Code("ParametersDemo", "5d8dfae22401ef1c110d27c336eed448e8b723a3a9eaa8f83581627302ae2619", "preprocessing.py"),
        };
        var pipeline = new Pipeline("ParametersDemo")
        {
            Parameters = { instanceType, instanceCount, testSplit, skip, inputUrl, seed },
            Steps = { new ConditionStep("CheckSkip") { Conditions = { skip.EqualTo(false) }, IfSteps = { prep } } },
            Session = Fixture.Session,
        };

        Golden.ShouldMatch(pipeline, "sdk/parameters.json");
    }

    private static Estimator XgboostEstimator(string pipeline) => new()
    {
        ImageUri = Fixture.XgboostImage,
        Role = Fixture.Role,
        InstanceType = "ml.m5.xlarge",
        OutputPath = $"s3://{Fixture.Bucket}/{pipeline}/models",
        HyperParameters = { ["objective"] = "binary:logistic", ["num_round"] = "100", ["eval_metric"] = "auc" },
    };
}
