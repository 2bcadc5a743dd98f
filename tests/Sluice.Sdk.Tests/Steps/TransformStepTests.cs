using Sluice.Sdk.Expressions;
using Sluice.Sdk.Models;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Processing;
using Sluice.Sdk.Retry;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;
using Sluice.Sdk.Training;
using Sluice.Sdk.Transform;

namespace Sluice.Sdk.Tests.Steps;

public sealed class TransformStepTests
{
    [Fact]
    public void ToDefinitionJson_TransformStep_MatchesThePythonSdk()
    {
        var trainData = new ParameterString("TrainData", "s3://sagemaker-us-west-2-111122223333/churn/train");
        var batchInput = new ParameterString("BatchInput", "s3://sagemaker-us-west-2-111122223333/churn/batch/input.csv");
        var instanceType = new ParameterString("TransformInstanceType", "ml.m5.xlarge");
        var train = new TrainingStep("Train", new Estimator
        {
            ImageUri = Fixture.XgboostImage,
            Role = Fixture.Role,
            InstanceType = "ml.m5.xlarge",
            OutputPath = $"s3://{Fixture.Bucket}/BatchScoring/models",
            HyperParameters = { ["objective"] = "binary:logistic", ["num_round"] = 100, ["max_depth"] = 5 },
        })
        {
            Inputs = { ["train"] = new TrainingInput(trainData) { ContentType = "text/csv" } },
        };
        var model = ModelStep.Create("ScoringModel", new Model { ImageUri = Fixture.XgboostImage, Role = Fixture.Role, ModelData = train.Properties.ModelArtifacts.S3ModelArtifacts });
        var transformer = new Transformer
        {
            ModelName = model.Properties.ModelName,
            InstanceCount = 2,
            InstanceType = instanceType,
            OutputPath = new Join("/", "s3:/", Fixture.Bucket, "BatchScoring", ExecutionVariables.PipelineExecutionId, "scores"),
            AssembleWith = "Line",
            Accept = "text/csv",
            Strategy = "MultiRecord",
            MaxConcurrentTransforms = 4,
            MaxPayload = 6,
            Environment = { ["SAGEMAKER_MODEL_SERVER_TIMEOUT"] = "3600" },
        };
        var score = new TransformStep("Score", transformer, new TransformInput(batchInput)
        {
            ContentType = "text/csv",
            SplitType = "Line",
            InputFilter = "$[1:]",
            OutputFilter = "$[0,-1]",
            JoinSource = "Input",
        })
        {
            DisplayName = "Batch score customers",
            CacheConfig = new CacheConfig(true, "PT6H"),
            RetryPolicies = { new SageMakerJobStepRetryPolicy(SageMakerJobExceptionType.CapacityError) { IntervalSeconds = 30, MaxAttempts = 3 } },
        };
        var summarize = new ProcessingStep("SummarizeScores", new Processor { ImageUri = Fixture.SklearnImage, Role = Fixture.Role, InstanceType = "ml.m5.large" })
        {
            Inputs = { new ProcessingInput(score.Properties.TransformOutput.S3OutputPath, "/opt/ml/processing/scores", "scores") },
            Outputs = { new ProcessingOutput("/opt/ml/processing/summary", outputName: "summary") },
            Code = Fixture.Code("BatchScoring", "e723fdfe5fb23dacf283f280b21f6ae4cb99b96448032a48931e6a43e69b3b0f", "summarize.py"),
        };
        var pipeline = new Pipeline("BatchScoring")
        {
            Parameters = { trainData, batchInput, instanceType },
            Steps = { train, model, score, summarize },
            Session = Fixture.Session,
        };

        Golden.ShouldMatch(pipeline, "sdk/transform.json");
    }
}
