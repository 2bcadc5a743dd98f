using Sluice.Sdk.Models;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;
using Sluice.Sdk.Training;

namespace Sluice.Sdk.Tests.Steps;

public sealed class TuningStepTests
{
    [Fact]
    public void ToDefinitionJson_TuningStep_MatchesThePythonSdk()
    {
        var trainData = new ParameterString("TrainData", "s3://sagemaker-us-west-2-111122223333/abalone/train");
        var validationData = new ParameterString("ValidationData", "s3://sagemaker-us-west-2-111122223333/abalone/validation");
        var estimator = new Estimator
        {
            ImageUri = Fixture.XgboostImage,
            Role = Fixture.Role,
            InstanceType = "ml.m5.xlarge",
            OutputPath = $"s3://{Fixture.Bucket}/XgbTuning/tuning",
            HyperParameters = { ["objective"] = "reg:squarederror", ["num_round"] = 200, ["eval_metric"] = "rmse" },
        };
        var tuner = new HyperparameterTuner(estimator, "validation:rmse", new OrderedDictionary<string, ParameterRange>
        {
            ["eta"] = new ContinuousParameter(0.01, 0.3, "Logarithmic"),
            ["subsample"] = new ContinuousParameter(0.5, 1.0),
            ["tree_method"] = new CategoricalParameter("auto", "hist", "approx"),
            ["max_depth"] = new IntegerParameter(3, 10),
        })
        {
            ObjectiveType = "Minimize",
            MaxJobs = 20,
            MaxParallelJobs = 4,
            EarlyStoppingType = "Auto",
        };
        var tune = new TuningStep("Tune", tuner)
        {
            Inputs =
            {
                ["train"] = new TrainingInput(trainData) { ContentType = "text/csv" },
                ["validation"] = new TrainingInput(validationData) { ContentType = "text/csv" },
            },
            CacheConfig = new CacheConfig(true, "PT12H"),
        };
        var best = ModelStep.Create("BestModel", new Model
        {
            ImageUri = Fixture.XgboostImage,
            Role = Fixture.Role,
            ModelData = tune.GetTopModelS3Uri(0, Fixture.Bucket, "XgbTuning/tuning"),
        });
        var record = new LambdaStep("RecordBestJob", "arn:aws:lambda:us-west-2:111122223333:function:record-best-training-job")
        {
            Inputs =
            {
                ["best_training_job"] = tune.Properties.TrainingJobSummaries[0].TrainingJobName,
                ["best_objective"] = tune.Properties.BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric.Value,
                ["tuning_job"] = tune.Properties.HyperParameterTuningJobName,
                ["model_name"] = best.Properties.ModelName,
            },
        };

        var pipeline = new Pipeline("XgbTuning") { Parameters = { trainData, validationData }, Steps = { tune, best, record } };

        Golden.ShouldMatch(pipeline, "sdk/tuning.json");
    }
}
