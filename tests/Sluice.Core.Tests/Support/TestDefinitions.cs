using System.Text.Json.Nodes;
using Sluice.Definitions;
using Sluice.Definitions.Validation;

namespace Sluice.Core.Tests.Support;

/// <summary>Small valid definitions in the SDK's shape, for tests to start from and break one thing at a time.</summary>
internal static class TestDefinitions
{
    public const string Role = "arn:aws:iam::111122223333:role/SageMakerRole";

    /// <summary>Prep (Processing, with a property file) → Train (Training) → Check (Condition: Register if, Stop else).</summary>
    public static JsonObject Pipeline() => Parse("""
        {
          "Version": "2020-12-01",
          "Metadata": {},
          "Parameters": [
            {"Name": "InputData", "Type": "String", "DefaultValue": "s3://bucket/input"},
            {"Name": "Threshold", "Type": "Float", "DefaultValue": 6.0},
            {"Name": "Mode", "Type": "String", "DefaultValue": "fast", "EnumValues": ["fast", "slow"]}
          ],
          "PipelineExperimentConfig": {"ExperimentName": {"Get": "Execution.PipelineName"}, "TrialName": {"Get": "Execution.PipelineExecutionId"}},
          "Steps": [
            {
              "Name": "Prep",
              "Type": "Processing",
              "Arguments": {
                "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
                "AppSpecification": {"ImageUri": "image", "ContainerEntrypoint": ["python3", "prep.py"], "ContainerArguments": ["--mode", {"Get": "Parameters.Mode"}]},
                "RoleArn": "ROLE_ARN",
                "ProcessingInputs": [{"InputName": "in", "S3Input": {"S3Uri": {"Get": "Parameters.InputData"}, "LocalPath": "/opt/ml/processing/input", "S3DataType": "S3Prefix", "S3InputMode": "File"}}],
                "ProcessingOutputConfig": {"Outputs": [
                  {"OutputName": "train", "S3Output": {"S3Uri": "s3://bucket/train", "LocalPath": "/opt/ml/processing/train", "S3UploadMode": "EndOfJob"}},
                  {"OutputName": "report", "S3Output": {"S3Uri": "s3://bucket/report", "LocalPath": "/opt/ml/processing/report", "S3UploadMode": "EndOfJob"}}
                ]}
              },
              "PropertyFiles": [{"PropertyFileName": "Report", "OutputName": "report", "FilePath": "report.json"}],
              "CacheConfig": {"Enabled": true, "ExpireAfter": "PT1H"}
            },
            {
              "Name": "Train",
              "Type": "Training",
              "Arguments": {
                "AlgorithmSpecification": {"TrainingImage": "image", "TrainingInputMode": "File"},
                "OutputDataConfig": {"S3OutputPath": "s3://bucket/models"},
                "ResourceConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 30},
                "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
                "RoleArn": "ROLE_ARN",
                "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": {"Get": "Steps.Prep.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri"}}}}]
              },
              "RetryPolicies": [{"ExceptionType": ["SageMaker.CAPACITY_ERROR"], "IntervalSeconds": 1, "BackoffRate": 2.0, "MaxAttempts": 3}]
            },
            {
              "Name": "Check",
              "Type": "Condition",
              "Arguments": {
                "Conditions": [{"Type": "LessThanOrEqualTo", "LeftValue": {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Prep.PropertyFiles.Report"}, "Path": "metrics.mse"}}, "RightValue": {"Get": "Parameters.Threshold"}}],
                "IfSteps": [
                  {"Name": "Register", "Type": "RegisterModel", "Arguments": {"ModelPackageGroupName": "group", "InferenceSpecification": {"Containers": [{"Image": "image", "ModelDataUrl": {"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}}], "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}}}
                ],
                "ElseSteps": [
                  {"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": {"Std:Join": {"On": " ", "Values": ["mse above", {"Get": "Parameters.Threshold"}]}}}}
                ]
              }
            }
          ]
        }
        """.Replace("ROLE_ARN", Role, StringComparison.Ordinal));

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static ValidationResult Validate(JsonObject definition) => DefinitionValidator.Validate(definition.ToJsonString());

    public static JsonObject Step(this JsonObject definition, int index) => definition["Steps"]![index]!.AsObject();

    public static JsonObject Arguments(this JsonObject step) => step["Arguments"]!.AsObject();

    public static JsonObject IfStep(this JsonObject definition, int index) =>
        definition.Step(2).Arguments()["IfSteps"]![index]!.AsObject();

    public static PipelineDefinition Read(JsonObject definition)
    {
        var result = DefinitionReader.Read(definition.ToJsonString());
        result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
        return result.Definition!;
    }
}
