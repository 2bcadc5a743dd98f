using Sluice.Sdk;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Models;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Processing;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Retry;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Training;
using Sluice.Sdk.Transform;

namespace Sluice.Examples.Diabetes;

/// <summary>
/// The diabetes pipeline of ../pipeline.json: prepare the data, train a random forest in script mode, evaluate it into
/// a property file, and register, create and batch-transform the model if its test MSE is low enough, or fail saying why.
/// </summary>
public static class DiabetesPipeline
{
    private const string Data = "s3://sluice-example/diabetes";
    private const string Image = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";
    /// <summary>The role the definition names, and the pipeline's role unless SAGEMAKER_ROLE_ARN says otherwise.</summary>
    internal const string Role = "arn:aws:iam::111122223333:role/SageMakerExecutionRole";

    /// <summary>Builds the pipeline.</summary>
    /// <returns>The pipeline; its definition is the committed pipeline.json.</returns>
    public static Pipeline Build()
    {
        var processingInstanceType = new ParameterString("ProcessingInstanceType", "ml.m5.xlarge");
        var trainingInstanceType = new ParameterString("TrainingInstanceType", "ml.m5.xlarge");
        var inputData = new ParameterString("InputData", $"{Data}/input");
        var maxDepth = new ParameterInteger("MaxDepth", 4);
        var mseThreshold = new ParameterFloat("MseThreshold", 3500.0);
        var approvalStatus = new ParameterString("ModelApprovalStatus", "PendingManualApproval", ["PendingManualApproval", "Approved", "Rejected"]);

        var cache = new CacheConfig(Enabled: true, ExpireAfter: "P30D");
        var processor = new Processor { ImageUri = Image, Role = Role, InstanceType = processingInstanceType };

        // Processing: split and scale the data set.
        var prepare = new ProcessingStep("PrepareData", processor)
        {
            Inputs = { new ProcessingInput(inputData, "/opt/ml/processing/input/data") },
            Outputs =
            {
                new ProcessingOutput("/opt/ml/processing/train", $"{Data}/prepared/train", "train"),
                new ProcessingOutput("/opt/ml/processing/validation", $"{Data}/prepared/validation", "validation"),
                new ProcessingOutput("/opt/ml/processing/test", $"{Data}/prepared/test", "test"),
            },
            Code = $"{Data}/code/preprocess.py",
            Arguments = { "--test-size", "0.2" },
            CacheConfig = cache,
        };
        var testData = prepare.Properties.ProcessingOutputConfig.Outputs["test"].S3Output.S3Uri;

        // Training, in script mode: train.py from sourcedir.tar.gz fits a random forest.
        var estimator = new Estimator
        {
            ImageUri = Image,
            Role = Role,
            InstanceType = trainingInstanceType,
            MaxRuntimeInSeconds = 3600,
            OutputPath = $"{Data}/models",
            EntryPoint = "train.py",
            SourceDir = $"{Data}/code/train/sourcedir.tar.gz",
            MetricDefinitions =
            {
                new MetricDefinition("validation:mse", @"validation mse: ([0-9\.]+)"),
                new MetricDefinition("validation:r2", @"validation r2: ([-0-9\.]+)"),
            },
            HyperParameters = { ["max_depth"] = maxDepth, ["n_estimators"] = "200" },
        };
        var train = new TrainingStep("TrainModel", estimator)
        {
            Inputs =
            {
                ["train"] = new TrainingInput(prepare.Properties.ProcessingOutputConfig.Outputs["train"].S3Output.S3Uri) { ContentType = "text/csv" },
                ["validation"] = new TrainingInput(prepare.Properties.ProcessingOutputConfig.Outputs["validation"].S3Output.S3Uri) { ContentType = "text/csv" },
            },
            CacheConfig = cache,
            RetryPolicies =
            {
                new SageMakerJobStepRetryPolicy(SageMakerJobExceptionType.InternalError, SageMakerJobExceptionType.CapacityError)
                {
                    IntervalSeconds = 5,
                    MaxAttempts = 3,
                },
            },
        };
        var modelData = train.Properties.ModelArtifacts.S3ModelArtifacts;

        // Processing: score the test set into the property file EvaluationReport.
        var report = new PropertyFile("EvaluationReport", "evaluation", "evaluation.json");
        var evaluate = new ProcessingStep("EvaluateModel", processor)
        {
            Inputs =
            {
                new ProcessingInput(modelData, "/opt/ml/processing/model"),
                new ProcessingInput(testData, "/opt/ml/processing/test"),
            },
            Outputs = { new ProcessingOutput("/opt/ml/processing/evaluation", $"{Data}/evaluation", "evaluation") },
            Code = $"{Data}/code/evaluate.py",
            PropertyFiles = { report },
        };
        var mse = new JsonGet(evaluate, report, "regression_metrics.mse.value");

        // The model, served by inference.py from the same sourcedir.tar.gz.
        var model = new Model
        {
            ImageUri = Image,
            ModelData = modelData,
            Role = Role,
            EntryPoint = "inference.py",
            SourceDir = $"{Data}/code/train/sourcedir.tar.gz",
        };
        var register = new RegisterModelStep("RegisterModel")
        {
            ModelPackageGroupName = "diabetes-regressor",
            Models = { model },
            ContentTypes = { "text/csv" },
            ResponseTypes = { "text/csv" },
            InferenceInstances = { "ml.m5.large" },
            TransformInstances = { "ml.m5.large" },
            ModelMetrics = new ModelMetrics { ModelStatistics = new MetricsSource("application/json", $"{Data}/evaluation/evaluation.json") },
            ApprovalStatus = approvalStatus,
        };
        var createModel = new CreateModelStep("CreateModel", model);
        var transform = new TransformStep(
            "BatchTransform",
            new Transformer
            {
                ModelName = createModel.Properties.ModelName,
                InstanceType = "ml.m5.large",
                OutputPath = $"{Data}/transform",
                AssembleWith = "Line",
                Accept = "text/csv",
                Strategy = "MultiRecord",
            },
            new TransformInput(testData) { ContentType = "text/csv", SplitType = "Line" });

        // Condition: register and use the model only when the test MSE is at most the threshold.
        var checkMse = new ConditionStep("CheckMse")
        {
            Conditions = { mse <= mseThreshold },
            IfSteps = { register, createModel, transform },
            ElseSteps = { new FailStep("MseTooHigh", new Join(" ", "Test MSE", mse, "is above the threshold", mseThreshold)) },
        };

        return new Pipeline("diabetes")
        {
            Parameters = { processingInstanceType, trainingInstanceType, inputData, maxDepth, mseThreshold, approvalStatus },
            Steps = { prepare, train, evaluate, checkMse },
        };
    }
}
