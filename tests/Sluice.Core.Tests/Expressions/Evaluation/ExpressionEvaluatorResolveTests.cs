using Sluice.Definitions.Expressions.Evaluation;

namespace Sluice.Definitions.Tests.Expressions.Evaluation;

public sealed class ExpressionEvaluatorResolveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ResolveAsync_ProcessingArguments_ReplacesOnlyExpressionsAndKeepsNumbersAsWritten()
    {
        var context = StepProperties.Context()
            .Parameter("InstanceCount", "1")
            .Parameter("InputData", "\"s3://b/raw\"")
            .Parameter("Threshold", "6.0")
            .Parameter("Mode", "\"fast\"")
            .Variable("PipelineExecutionId", "\"exec1\"")
            .Object("s3://b/eval/evaluation.json", """{"split": 0.8}""");
        var arguments = FakeEvaluationContext.Json("""
            {
              "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": {"Get": "Parameters.InstanceCount"}, "VolumeSizeInGB": 30}},
              "AppSpecification": {
                "ImageUri": "123.dkr.ecr.us-east-1.amazonaws.com/sklearn:1.2-1",
                "ContainerEntrypoint": ["python3", "/opt/ml/processing/input/code/prep.py"],
                "ContainerArguments": ["--mode", {"Get": "Parameters.Mode"}, "--threshold", {"Get": "Parameters.Threshold"},
                                       "--split", {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Prep.PropertyFiles.EvaluationReport"}, "Path": "split"}}]
              },
              "RoleArn": "arn:aws:iam::111122223333:role/SageMakerRole",
              "ProcessingInputs": [
                {"InputName": "raw", "AppManaged": false, "S3Input": {"S3Uri": {"Get": "Parameters.InputData"}, "LocalPath": "/opt/ml/processing/input",
                 "S3DataType": "S3Prefix", "S3InputMode": "File", "S3DataDistributionType": "FullyReplicated"}},
                {"InputName": "model", "S3Input": {"S3Uri": {"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}, "LocalPath": "/opt/ml/processing/model"}}
              ],
              "ProcessingOutputConfig": {"Outputs": [
                {"OutputName": "out", "AppManaged": false, "S3Output": {
                  "S3Uri": {"Std:Join": {"On": "/", "Values": ["s3://b", {"Get": "Execution.PipelineExecutionId"}, "out"]}},
                  "LocalPath": "/opt/ml/processing/out", "S3UploadMode": "EndOfJob"}}
              ]},
              "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
              "Environment": {"RATIO": "0.5", "LIMIT": 1.50e3, "NOTE": "ünïcødé <&>"},
              "NetworkConfig": null,
              "Data": {"Get": "Parameters.Mode", "Other": 1}
            }
            """);

        var resolved = await ExpressionEvaluator.ResolveAsync(arguments, context, Ct);

        Parse.Text(resolved).ShouldBe(Parse.Text(FakeEvaluationContext.Json("""
            {
              "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
              "AppSpecification": {
                "ImageUri": "123.dkr.ecr.us-east-1.amazonaws.com/sklearn:1.2-1",
                "ContainerEntrypoint": ["python3", "/opt/ml/processing/input/code/prep.py"],
                "ContainerArguments": ["--mode", "fast", "--threshold", 6.0, "--split", 0.8]
              },
              "RoleArn": "arn:aws:iam::111122223333:role/SageMakerRole",
              "ProcessingInputs": [
                {"InputName": "raw", "AppManaged": false, "S3Input": {"S3Uri": "s3://b/raw", "LocalPath": "/opt/ml/processing/input",
                 "S3DataType": "S3Prefix", "S3InputMode": "File", "S3DataDistributionType": "FullyReplicated"}},
                {"InputName": "model", "S3Input": {"S3Uri": "s3://b/model/model.tar.gz", "LocalPath": "/opt/ml/processing/model"}}
              ],
              "ProcessingOutputConfig": {"Outputs": [
                {"OutputName": "out", "AppManaged": false, "S3Output": {
                  "S3Uri": "s3://b/exec1/out",
                  "LocalPath": "/opt/ml/processing/out", "S3UploadMode": "EndOfJob"}}
              ]},
              "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
              "Environment": {"RATIO": "0.5", "LIMIT": 1.50e3, "NOTE": "ünïcødé <&>"},
              "NetworkConfig": null,
              "Data": {"Get": "Parameters.Mode", "Other": 1}
            }
            """)));
        Parse.Text(resolved).ShouldContain("\"InstanceCount\":1,\"VolumeSizeInGB\":30");
        Parse.Text(resolved).ShouldContain("\"--threshold\",6.0,");
        Parse.Text(resolved).ShouldContain("\"LIMIT\":1.50e3");
    }

    [Fact]
    public async Task ResolveAsync_ExpressionAtTheRoot_ReturnsItsValue()
    {
        var context = new FakeEvaluationContext().Parameter("P", "6.0");

        var resolved = await ExpressionEvaluator.ResolveAsync(FakeEvaluationContext.Json("""{"Get": "Parameters.P"}"""), context, Ct);

        resolved.GetRawText().ShouldBe("6.0");
    }

    [Theory]
    [InlineData("30")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    public async Task ResolveAsync_TreeWithoutExpressions_IsCopiedAsIs(string json)
    {
        var resolved = await ExpressionEvaluator.ResolveAsync(FakeEvaluationContext.Json(json), new FakeEvaluationContext(), Ct);

        resolved.GetRawText().ShouldBe(json);
    }

    [Fact]
    public async Task ResolveAsync_FailingExpression_ThrowsNamingIt()
    {
        var arguments = FakeEvaluationContext.Json("""{"A": {"B": [1, {"Get": "Steps.Train.ModelArtifacts.Nope"}]}}""");

        var error = await Should.ThrowAsync<EvaluationException>(() => ExpressionEvaluator.ResolveAsync(arguments, StepProperties.Context(), Ct));

        error.Message.ShouldBe("""{"Get": "Steps.Train.ModelArtifacts.Nope"}: step 'Train' has no property ModelArtifacts.Nope """
            + "(ModelArtifacts has no member 'Nope')");
    }

    [Theory]
    [InlineData("""{"Get": 5}""", "Get must name what it reads as a string, not a number")]
    [InlineData("""{"Get": "Nowhere.X"}""", "'Nowhere.X' does not start with Parameters., Execution., Steps. or PipelineExperimentConfig.")]
    [InlineData("""{"Std:JsonGet": {"PropertyFile": {"Get": "Parameters.P"}, "Path": "a"}}""", "PropertyFile must be")]
    public async Task ResolveAsync_MalformedExpression_ThrowsNamingIt(string json, string why)
    {
        var arguments = FakeEvaluationContext.Json($$"""{"A": [{{json}}]}""");

        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.ResolveAsync(arguments, new FakeEvaluationContext().Parameter("P", "1"), Ct));

        error.Subject.ShouldBe(Parse.Text(FakeEvaluationContext.Json(json)));
        error.Detail.ShouldStartWith(why);
    }

    [Fact]
    public async Task ResolveAsync_ExpressionGivingAnObject_InsertsTheObject()
    {
        var resolved = await ExpressionEvaluator.ResolveAsync(
            FakeEvaluationContext.Json("""{"Model": {"Get": "Steps.Train.ModelArtifacts"}}"""), StepProperties.Context(), Ct);

        Parse.Text(resolved).ShouldBe("""{"Model":{"S3ModelArtifacts":"s3://b/model/model.tar.gz"}}""");
    }

    [Fact]
    public async Task ResolveAsync_UndefinedTree_IsRejected() =>
        await Should.ThrowAsync<ArgumentException>(() => ExpressionEvaluator.ResolveAsync(default, new FakeEvaluationContext(), Ct));
}
