namespace Sluice.Definitions.Tests.Expressions.Evaluation;

/// <summary>Step properties in their Describe* shapes, lists kept as lists.</summary>
internal static class StepProperties
{
    public const string Processing = """
        {
          "ProcessingJobName": "prep-2024",
          "ProcessingJobStatus": "Completed",
          "ProcessingInputs": [
            {"InputName": "code", "AppManaged": false, "S3Input": {"S3Uri": "s3://b/code/prep.py", "LocalPath": "/opt/ml/processing/input/code"}},
            {"InputName": "raw", "AppManaged": false, "S3Input": {"S3Uri": "s3://b/raw", "LocalPath": "/opt/ml/processing/input"}}
          ],
          "ProcessingOutputConfig": {"Outputs": [
            {"OutputName": "train", "AppManaged": false, "S3Output": {"S3Uri": "s3://b/prep/train", "LocalPath": "/opt/ml/processing/train", "S3UploadMode": "EndOfJob"}},
            {"OutputName": "evaluation", "AppManaged": false, "S3Output": {"S3Uri": "s3://b/eval/", "LocalPath": "/opt/ml/processing/evaluation", "S3UploadMode": "EndOfJob"}}
          ]},
          "ProcessingResources": {"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 30}}
        }
        """;

    public const string Training = """
        {
          "TrainingJobName": "train-2024",
          "ModelArtifacts": {"S3ModelArtifacts": "s3://b/model/model.tar.gz"},
          "HyperParameters": {"epochs": "10"},
          "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3Uri": "s3://b/prep/train"}}}],
          "OutputDataConfig": {"S3OutputPath": "s3://b/f"},
          "FinalMetricDataList": [
            {"MetricName": "train:mse", "Value": 0.25, "Timestamp": "2024-01-01T00:00:00Z"},
            {"MetricName": "validation:mse", "Value": 0.5, "Timestamp": "2024-01-01T00:00:00Z"}
          ],
          "FailureReason": null
        }
        """;

    public const string Tuning = """
        {"TrainingJobSummaries": [{"TrainingJobName": "tune-001"}, {"TrainingJobName": "tune-002"}],
         "BestTrainingJob": {"TrainingJobName": "tune-002"}}
        """;

    public const string Lambda = """{"OutputParameters": {"output1": "hello", "count": 3}}""";

    public const string Condition = """{"Outcome": "True"}""";

    /// <summary>A context with Prep (Processing, property file EvaluationReport), Train, Tune, Fn (Lambda) and Check (Condition), all finished.</summary>
    public static FakeEvaluationContext Context() => new FakeEvaluationContext()
        .Step("Prep", Processing, new Sluice.Definitions.PropertyFileDefinition("EvaluationReport", "evaluation", "evaluation.json"))
        .Step("Train", Training)
        .Step("Tune", Tuning)
        .Step("Fn", Lambda)
        .Step("Check", Condition);
}
