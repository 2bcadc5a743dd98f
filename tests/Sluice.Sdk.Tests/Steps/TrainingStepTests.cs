using Sluice.Sdk.Expressions;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Processing;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;
using Sluice.Sdk.Training;

namespace Sluice.Sdk.Tests.Steps;

public sealed class TrainingStepTests
{
    [Fact]
    public void ToDefinitionJson_ScriptModeTraining_MatchesThePythonSdk()
    {
        var inputData = new ParameterString("InputData", "s3://sagemaker-us-west-2-111122223333/churn/raw/churn.csv");
        var instanceType = new ParameterString("TrainingInstanceType", "ml.m5.xlarge");
        var maxDepth = new ParameterInteger("MaxDepth", 6);
        var learningRate = new ParameterFloat("LearningRate", 0.1);
        var mseThreshold = new ParameterFloat("MseThreshold", 0.25);
        var prep = new ProcessingStep("Prep", new Processor { ImageUri = Fixture.SklearnImage, Role = Fixture.Role, InstanceType = "ml.m5.xlarge" })
        {
            Inputs = { new ProcessingInput(inputData, "/opt/ml/processing/input") },
            Outputs =
            {
                new ProcessingOutput("/opt/ml/processing/train", outputName: "train"),
                new ProcessingOutput("/opt/ml/processing/validation", outputName: "validation"),
            },
            Code = Fixture.Code("ChurnTraining", "9f8e2a8fa1246afae9ab79c9004a97e2dac1237f592fcd855f252b9bae32e67e", "preprocessing.py"),
        };
        var estimator = new Estimator
        {
            ImageUri = Fixture.SklearnImage,
            Role = Fixture.Role,
            InstanceType = instanceType,
            OutputPath = $"s3://{Fixture.Bucket}/ChurnTraining/models",
            EntryPoint = "train.py",
            SourceDir = Fixture.Code("ChurnTraining", "94e15cece8d3553ae29b4b9adf0b7239399d9a39926a33bd8215a2e17b620ed7", "sourcedir.tar.gz"),
            MetricDefinitions =
            {
                new MetricDefinition("train:mse", @"train_mse=([0-9\.]+);"),
                new MetricDefinition("validation:mse", @"validation_mse=([0-9\.]+);"),
            },
            HyperParameters =
            {
                ["max_depth"] = maxDepth.ToStringExpression(),
                ["learning_rate"] = learningRate.ToStringExpression(),
                ["n_estimators"] = 200,
                ["loss"] = "\"squared_error\"",
            },
            Environment = { ["SM_LOG_LEVEL"] = "INFO" },
        };
        var train = new TrainingStep("Train", estimator)
        {
            Inputs =
            {
                ["train"] = new TrainingInput(prep.Properties.ProcessingOutputConfig.Outputs["train"].S3Output.S3Uri) { ContentType = "text/csv" },
                ["validation"] = new TrainingInput(prep.Properties.ProcessingOutputConfig.Outputs["validation"].S3Output.S3Uri) { ContentType = "text/csv" },
            },
            DisplayName = "Train churn regressor",
            Description = "Script-mode scikit-learn training (train.py in sourcedir.tar.gz)",
            CacheConfig = new CacheConfig(true, "P30D"),
        };
        var validationMse = train.Properties.FinalMetricDataList["validation:mse"].Value;
        var check = new ConditionStep("CheckMse")
        {
            Conditions = { validationMse <= mseThreshold },
            ElseSteps = { new FailStep("MseTooHigh", new Join(" ", "Validation MSE", validationMse, "is above", mseThreshold)) },
        };
        var pipeline = new Pipeline("ChurnTraining")
        {
            Parameters = { inputData, instanceType, maxDepth, learningRate, mseThreshold },
            Steps = { prep, train, check },
            Session = Fixture.Session,
        };

        Golden.ShouldMatch(pipeline, "sdk/training.json");
    }

    [Fact]
    public void ToDefinitionJson_GenericEstimatorWithExecutionVariables_MatchesThePythonSdk()
    {
        var inputData = new ParameterString("InputData", "s3://sagemaker-us-west-2-111122223333/churn/raw/churn.csv");
        var prep = new ProcessingStep("Prep", new Processor
        {
            ImageUri = Fixture.SklearnImage,
            Role = Fixture.Role,
            InstanceType = "ml.m5.xlarge",
            Environment =
            {
                ["PIPELINE_EXECUTION_ID"] = ExecutionVariables.PipelineExecutionId,
                ["PROCESSING_JOB_NAME"] = ExecutionVariables.ProcessingJobName,
            },
        })
        {
            Inputs = { new ProcessingInput(inputData, "/opt/ml/processing/input") },
            Outputs =
            {
                new ProcessingOutput(
                    "/opt/ml/processing/train",
                    new Join("/", "s3:/", Fixture.Bucket, ExecutionVariables.PipelineName, ExecutionVariables.ProcessingJobName, "train"),
                    "train"),
            },
            Arguments = { "--run-started", ExecutionVariables.StartDateTime },
            Code = Fixture.Code("ExecutionVariablesDemo", "22ece6960ecc0760c759ca8964edccaed177c4f623a2390e15d0b92f25d3b5f7", "preprocessing.py"),
        };
        var models = new Join("/", "s3:/", Fixture.Bucket, "ExecutionVariablesDemo", ExecutionVariables.PipelineExecutionId, "models");
        var train = new TrainingStep("Train", new Estimator
        {
            ImageUri = Fixture.XgboostImage,
            Role = Fixture.Role,
            InstanceType = "ml.m5.xlarge",
            OutputPath = models,
            HyperParameters = { ["objective"] = "reg:squarederror", ["num_round"] = "50" },
            Environment = { ["TRAINING_JOB_NAME"] = ExecutionVariables.TrainingJobName },
            CheckpointS3Uri = new Join("/", "s3:/", Fixture.Bucket, "checkpoints", ExecutionVariables.TrainingJobName),
        })
        {
            Inputs = { ["train"] = new TrainingInput(prep.Properties.ProcessingOutputConfig.Outputs["train"].S3Output.S3Uri) { ContentType = "text/csv" } },
        };
        var check = new ConditionStep("CheckWindow")
        {
            Conditions = { ExecutionVariables.StartDateTime > "2020-12-01" },
            IfSteps =
            {
                new LambdaStep("AuditRun", "arn:aws:lambda:us-west-2:111122223333:function:audit-pipeline-run")
                {
                    Inputs =
                    {
                        ["pipeline_name"] = ExecutionVariables.PipelineName,
                        ["pipeline_arn"] = ExecutionVariables.PipelineArn,
                        ["execution_id"] = ExecutionVariables.PipelineExecutionId,
                        ["execution_arn"] = ExecutionVariables.PipelineExecutionArn,
                        ["started_at"] = ExecutionVariables.StartDateTime,
                        ["recorded_at"] = ExecutionVariables.CurrentDateTime,
                        ["experiment_name"] = PipelineExperimentConfigProperty.ExperimentName,
                        ["trial_name"] = PipelineExperimentConfigProperty.TrialName,
                        ["model_uri"] = train.Properties.ModelArtifacts.S3ModelArtifacts,
                    },
                },
            },
            ElseSteps =
            {
                new FailStep("StartedTooLate", new Join(" ", "Execution", ExecutionVariables.PipelineExecutionArn, "started at", ExecutionVariables.StartDateTime)),
            },
        };
        var pipeline = new Pipeline("ExecutionVariablesDemo") { Parameters = { inputData }, Steps = { prep, train, check }, Session = Fixture.Session };

        Golden.ShouldMatch(pipeline, "sdk/execution_variables.json");
    }
}
