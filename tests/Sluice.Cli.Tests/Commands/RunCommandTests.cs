using System.Text.Json.Nodes;
using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Commands;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-run-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Data => Path.Combine(_work, "data");

    [Fact]
    public async Task Run_Json_PrintsTheExecutionStepsAndParametersInApiShapes()
    {
        var file = Write("""
            {"Version": "2020-12-01", "Metadata": {}, "Parameters": [{"Name": "N", "Type": "Integer", "DefaultValue": 1}],
             "PipelineExperimentConfig": null, "Steps": [
              {"Name": "Check", "Type": "Condition", "Arguments": {
                "Conditions": [{"Type": "GreaterThan", "LeftValue": {"Get": "Parameters.N"}, "RightValue": 3}],
                "IfSteps": [], "ElseSteps": [{"Name": "Low", "Type": "Fail", "Arguments": {"ErrorMessage": {"Std:Join": {"On": " ", "Values": ["N is", {"Get": "Parameters.N"}]}}}}]}}]}
            """);

        var result = await CliRunner.RunAsync(["run", file, "--data", Data, "--json", "--param", "N=2"]);

        result.ExitCode.ShouldBe(1);
        var output = JsonNode.Parse(result.Out)!;
        output["PipelineExecution"]!["PipelineExecutionStatus"]!.GetValue<string>().ShouldBe("Failed");
        output["PipelineExecution"]!["FailureReason"]!.GetValue<string>().ShouldBe("N is 2");
        output["PipelineExecution"]!["PipelineArn"]!.GetValue<string>().ShouldBe("arn:aws:sagemaker:us-east-1:000000000000:pipeline/pipeline");
        output["Steps"]!.AsArray().Select(s => s!["StepName"]!.GetValue<string>()).ShouldBe(["Low", "Check"]);
        output["Steps"]![1]!["Metadata"]!.ToJsonString().ShouldBe("""{"Condition":{"Outcome":"False"}}""");
        output["Parameters"]!.ToJsonString().ShouldBe("""[{"Name":"N","Value":"2"}]""");
    }

    [Fact]
    public async Task Run_Succeeds_ExitsZeroAndListsTheExecution()
    {
        var file = Write("""
            {"Version": "2020-12-01", "Steps": [{"Name": "Check", "Type": "Condition", "Arguments": {
              "Conditions": [{"Type": "Equals", "LeftValue": 1, "RightValue": 1}], "IfSteps": [], "ElseSteps": []}}]}
            """);

        var run = await CliRunner.RunAsync(["run", file, "--data", Data, "--name", "tiny"]);
        var listed = await CliRunner.RunAsync(["executions", "--data", Data]);

        run.ExitCode.ShouldBe(0);
        run.Out.ShouldContain("Succeeded in");
        listed.Out.ShouldContain("Succeeded  tiny");
        var arn = listed.Out.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        var described = await CliRunner.RunAsync(["describe", arn, "--data", Data]);
        JsonNode.Parse(described.Out)!["PipelineExecution"]!["PipelineExecutionArn"]!.GetValue<string>().ShouldBe(arn);
    }

    [Theory]
    [InlineData("--param", "N=abc", "parameter 'N' is an Integer; 'abc' is not")]
    [InlineData("--param", "Nope=1", "'Nope' is not a parameter of this pipeline")]
    [InlineData("--param", "N", "--param takes NAME=VALUE")]
    public async Task Run_BadParameter_ExitsTwoBeforeRunning(string option, string value, string message)
    {
        var file = Write("""
            {"Version": "2020-12-01", "Parameters": [{"Name": "N", "Type": "Integer", "DefaultValue": 1}], "Steps": [
              {"Name": "F", "Type": "Fail", "Arguments": {"ErrorMessage": {"Std:Join": {"On": "", "Values": [{"Get": "Parameters.N"}]}}}}]}
            """);

        var result = await CliRunner.RunAsync(["run", file, "--data", Data, option, value]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(message);
    }

    [Fact]
    public async Task Run_ChangedDefinitionWithABadParameter_StoresNoNewPipelineVersion()
    {
        var file = Write("""
            {"Version": "2020-12-01", "Parameters": [{"Name": "N", "Type": "Integer", "DefaultValue": 1}], "Steps": [
              {"Name": "Check", "Type": "Condition", "Arguments": {"Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Parameters.N"}, "RightValue": 1}], "IfSteps": [], "ElseSteps": []}}]}
            """);
        (await CliRunner.RunAsync(["run", file, "--data", Data])).ExitCode.ShouldBe(0);
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"RightValue\": 1", "\"RightValue\": 2", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync(["run", file, "--data", Data, "--param", "N=abc"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("parameter 'N' is an Integer; 'abc' is not");
        await using var store = new Sluice.Core.Storage.Sqlite.SqliteExecutionStore(Data);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        (await store.ListPipelineVersionsAsync("pipeline", TestContext.Current.CancellationToken)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Run_TrailingParamWithoutValue_IsAUsageErrorAndRunsNothing()
    {
        var file = Write("""
            {"Version": "2020-12-01", "Parameters": [{"Name": "N", "Type": "Integer", "DefaultValue": 1}], "Steps": [
              {"Name": "F", "Type": "Fail", "Arguments": {"ErrorMessage": "ran"}}]}
            """);

        var result = await CliRunner.RunAsync(["run", file, "--data", Data, "--param"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--param");
        Directory.Exists(Data).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_InvalidDefinition_ExitsTwoWithTheValidatorsMessages()
    {
        var file = Write("""{"Version": "2020-12-01", "Steps": [{"Name": "F", "Type": "Fial", "Arguments": {}}]}""");

        var result = await CliRunner.RunAsync(["run", file, "--data", Data]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("error SLU203: Steps[0] 'F' Type: 'Fial' is not a SageMaker step type (did you mean 'Fail'?)");
    }

    [Fact]
    public async Task Run_BadConfiguration_ExitsTwoNamingTheFileLineAndKey()
    {
        var file = Write("""{"Version": "2020-12-01", "Steps": [{"Name": "F", "Type": "Fail", "Arguments": {}}]}""");
        var config = Path.Combine(_work, "sluice.yaml");
        await File.WriteAllTextAsync(config, "lambda:\n  functons: {}\n", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["run", file, "--data", Data, "--config", config]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"{config}:2: lambda: unknown key 'functons' (did you mean 'functions'?)");
    }

    [Fact]
    public async Task Models_AfterRegisterModel_ListsThePackageAndTheModel()
    {
        var file = Write("""
            {"Version": "2020-12-01", "Steps": [
              {"Name": "Create", "Type": "Model", "Arguments": {"ModelName": "churn", "ExecutionRoleArn": "arn:aws:iam::111122223333:role/R",
                "PrimaryContainer": {"Image": "image", "ModelDataUrl": "s3://b/model.tar.gz"}}},
              {"Name": "Register", "Type": "RegisterModel", "Arguments": {"ModelPackageGroupName": "churn-group", "ModelApprovalStatus": "Approved",
                "InferenceSpecification": {"Containers": [{"Image": "image"}], "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}}}]}
            """);

        (await CliRunner.RunAsync(["run", file, "--data", Data])).ExitCode.ShouldBe(0);
        var models = await CliRunner.RunAsync(["models", "--data", Data]);

        models.ExitCode.ShouldBe(0);
        models.Out.ShouldContain("churn-group                        1  Approved");
        models.Out.ShouldContain("arn:aws:sagemaker:us-east-1:000000000000:model-package/churn-group/1");
        models.Out.ShouldContain("arn:aws:sagemaker:us-east-1:000000000000:model/churn");
    }

    private string Write(string json)
    {
        var path = Path.Combine(_work, "pipeline.json");
        File.WriteAllText(path, json);
        return path;
    }
}
