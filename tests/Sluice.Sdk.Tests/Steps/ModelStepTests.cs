using System.Text.Json.Nodes;
using Sluice.Sdk.Models;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Retry;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests.Steps;

public sealed class ModelStepTests
{
    private const string ModelData = "s3://sagemaker-us-west-2-111122223333/models/xgboost/model.tar.gz";

    [Fact]
    public void Create_ModelStep_MatchesThePythonSdk()
    {
        var modelData = new ParameterString("ModelData", ModelData);
        var create = ModelStep.Create("XgbModel", new Model { ImageUri = Fixture.XgboostImage, Role = Fixture.Role, ModelData = modelData });
        create.DisplayName = "XGBoost model";
        create.Description = "Creates the SageMaker model for the trained XGBoost artifact";
        create.RetryPolicies.Add(new StepRetryPolicy(StepExceptionType.ServiceFault, StepExceptionType.Throttling) { MaxAttempts = 5 });
        var pipeline = new Pipeline("Models") { Parameters = { modelData }, Steps = { create } };

        var golden = Golden.Load("sdk/model.json")["Steps"]![0];
        Golden.ShouldMatch(JsonNode.Parse(pipeline.ToDefinitionJson())!["Steps"]![0], golden);
    }

    [Fact]
    public void Register_ScriptModeModel_WritesTheFrameworkEnvironmentAndPackageRequest()
    {
        var approval = new ParameterString("ModelApprovalStatus", "PendingManualApproval");
        var model = new Model
        {
            ImageUri = Fixture.SklearnImage,
            ModelData = ModelData,
            EntryPoint = "inference.py",
            SourceDir = "s3://bucket/code/sourcedir.tar.gz",
            Environment = { ["MODEL_SERVER_WORKERS"] = "2" },
        };
        var register = ModelStep.Register("Churn", model, "ChurnModelPackageGroup");
        register.ModelPackageDescription = "churn classifier";
        register.ContentTypes.Add("text/csv");
        register.ResponseTypes.Add("text/csv");
        register.InferenceInstances.Add("ml.m5.large");
        register.TransformInstances.Add("ml.m5.large");
        register.ModelMetrics = new ModelMetrics
        {
            ModelStatistics = new MetricsSource("application/json", "s3://bucket/evaluation.json"),
            Bias = new MetricsSource("application/json", "s3://bucket/bias.json"),
        };
        register.CustomerMetadataProperties["team"] = "churn";
        register.ApprovalStatus = approval;
        register.SkipModelValidation = "None";
        var pipeline = new Pipeline("Registry") { Parameters = { approval }, Steps = { register } };

        var step = JsonNode.Parse(pipeline.ToDefinitionJson())!["Steps"]![0]!;

        step["Name"]!.GetValue<string>().ShouldBe("Churn-RegisterModel");
        Golden.ShouldMatch(step["Arguments"], JsonNode.Parse("""
            {"ModelPackageGroupName": "ChurnModelPackageGroup", "ModelPackageDescription": "churn classifier",
             "ModelMetrics": {"ModelQuality": {"Statistics": {"ContentType": "application/json", "S3Uri": "s3://bucket/evaluation.json"}},
                              "Bias": {"Report": {"ContentType": "application/json", "S3Uri": "s3://bucket/bias.json"}}},
             "CustomerMetadataProperties": {"team": "churn"},
             "InferenceSpecification": {"Containers": [{"Image": "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
                 "Environment": {"MODEL_SERVER_WORKERS": "2", "SAGEMAKER_PROGRAM": "inference.py", "SAGEMAKER_SUBMIT_DIRECTORY": "s3://bucket/code/sourcedir.tar.gz",
                                 "SAGEMAKER_CONTAINER_LOG_LEVEL": "20", "SAGEMAKER_REGION": "us-east-1"},
                 "ModelDataUrl": "s3://sagemaker-us-west-2-111122223333/models/xgboost/model.tar.gz"}],
               "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"],
               "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.large"], "SupportedTransformInstanceTypes": ["ml.m5.large"]},
             "ModelApprovalStatus": {"Get": "Parameters.ModelApprovalStatus"}, "SkipModelValidation": "None"}
            """));
        Get(register.Properties.ModelPackageArn).ShouldBe("Steps.Churn-RegisterModel.ModelPackageArn");
    }

    [Fact]
    public void Create_ModelWithLocalSourceDir_IsRefused()
    {
        var create = new CreateModelStep("M", new Model { ImageUri = "i", Role = Fixture.Role, EntryPoint = "inference.py", SourceDir = "code" });

        Should.Throw<NotSupportedException>(new Pipeline("P") { Steps = { create } }.ToDefinitionJson).Message.ShouldContain("s3://");
    }

    private static string Get(Sluice.Sdk.Properties.PropertyNode node) => node.ToExpression()["Get"]!.GetValue<string>();
}
