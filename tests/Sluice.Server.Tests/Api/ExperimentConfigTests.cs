using System.Text.Json;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Server.Tests.Support;
using static Sluice.Server.Tests.Support.TestPipelines;

namespace Sluice.Server.Tests.Api;

/// <summary>DescribePipelineExecution's PipelineExperimentConfig is the definition's own, resolved when the execution started.</summary>
public sealed class ExperimentConfigTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DescribePipelineExecution_SdkDefaultConfig_NamesThePipelineAndTheExecution()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "churn", Definition("""{"ExperimentName": {"Get": "Execution.PipelineName"}, "TrialName": {"Get": "Execution.PipelineExecutionId"}}"""));

        var arn = await StartAsync(sm, "churn");
        var config = (await DescribeAsync(server, arn)).GetProperty("PipelineExperimentConfig");

        config.GetProperty("ExperimentName").GetString().ShouldBe("churn");
        config.GetProperty("TrialName").GetString().ShouldBe(arn[(arn.LastIndexOf('/') + 1)..]);
    }

    [Fact]
    public async Task DescribePipelineExecution_NullConfig_OmitsPipelineExperimentConfig()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "untracked", Definition("null"));

        var described = await DescribeAsync(server, await StartAsync(sm, "untracked"));

        described.TryGetProperty("PipelineExperimentConfig", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task DescribePipelineExecution_LiteralAndJoinOfParameter_ResolvedWithTheStartsParameters()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "regional", Definition("""
            {"ExperimentName": "churn-models",
             "TrialName": {"Std:Join": {"On": "-", "Values": [{"Get": "Parameters.Region"}, {"Get": "Parameters.Epochs"}, "run"]}}}
            """));

        var arn = await StartAsync(sm, "regional", new Parameter("Region", "eu"));
        var other = await StartAsync(sm, "regional");

        var config = (await DescribeAsync(server, arn)).GetProperty("PipelineExperimentConfig");
        config.GetProperty("ExperimentName").GetString().ShouldBe("churn-models");
        config.GetProperty("TrialName").GetString().ShouldBe("eu-3-run");
        (await DescribeAsync(server, other)).GetProperty("PipelineExperimentConfig").GetProperty("TrialName").GetString().ShouldBe("us-3-run");
    }

    [Fact]
    public async Task DescribePipelineExecution_OnlyExperimentName_WritesOnlyThatMember()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "half", Definition("""{"ExperimentName": "only-experiment"}"""));

        var config = (await DescribeAsync(server, await StartAsync(sm, "half"))).GetProperty("PipelineExperimentConfig");

        config.GetProperty("ExperimentName").GetString().ShouldBe("only-experiment");
        config.TryGetProperty("TrialName", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task StepReadingTheConfig_ResolvedConfig_ReadsWhatDescribeAnswers()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "reader", """
            {"Version": "2020-12-01", "Parameters": [{"Name": "Region", "Type": "String", "DefaultValue": "us"}],
             "PipelineExperimentConfig": {"ExperimentName": {"Std:Join": {"On": "/", "Values": ["exp", {"Get": "Parameters.Region"}]}}, "TrialName": "t1"},
             "Steps": [{"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": {"Std:Join": {"On": " ", "Values": [
               "experiment", {"Get": "PipelineExperimentConfig.ExperimentName"}, "trial", {"Get": "PipelineExperimentConfig.TrialName"}]}}}}]}
            """);

        var arn = await StartAsync(sm, "reader", new Parameter("Region", "ap"));
        var ended = await WaitAsync(sm, arn);

        ended.PipelineExperimentConfig.ShouldNotBeNull().ExperimentName.ShouldBe("exp/ap");
        ended.FailureReason.ShouldNotBeNull().ShouldContain("experiment exp/ap trial t1");
    }

    [Fact]
    public async Task StartPipelineExecution_ConfigReadsAStep_AnswersValidationExceptionNamingTheMember()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "late", """
            {"Version": "2020-12-01",
             "PipelineExperimentConfig": {"ExperimentName": "e", "TrialName": {"Get": "Steps.Check.Outcome"}},
             "Steps": [{"Name": "Check", "Type": "Condition", "Arguments": {
               "Conditions": [{"Type": "Equals", "LeftValue": 1, "RightValue": 1}], "IfSteps": [], "ElseSteps": []}}]}
            """);

        var error = await Should.ThrowAsync<AwsServiceException>(() => StartAsync(sm, "late"));

        error.ErrorCode.ShouldBe("ValidationException");
        error.Message.ShouldContain("PipelineExperimentConfig.TrialName");
        (await sm.ListPipelineExecutionsAsync(new ListPipelineExecutionsRequest { PipelineName = "late" }, Ct)).PipelineExecutionSummaries.ShouldBeEmpty();
    }

    private static string Definition(string config) => $$$"""
        {"Version": "2020-12-01",
         "Parameters": [{"Name": "Region", "Type": "String", "DefaultValue": "us"}, {"Name": "Epochs", "Type": "Integer", "DefaultValue": 3}],
         "PipelineExperimentConfig": {{{config}}},
         "Steps": [{"Name": "Check", "Type": "Condition", "Arguments": {
           "Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Parameters.Region"}, "RightValue": {"Get": "Parameters.Epochs"}}],
           "IfSteps": [], "ElseSteps": []}}]}
        """;

    private static async Task<string> StartAsync(SageMakerClient sm, string pipeline, params Parameter[] parameters) =>
        (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = pipeline, PipelineParameters = parameters.Length > 0 ? [.. parameters] : null }, Ct)).PipelineExecutionArn!;

    private static async Task<JsonElement> DescribeAsync(ServerHarness server, string arn)
    {
        using var http = new HttpClient();
        using var response = await server.PostAsync(http, "SageMaker.DescribePipelineExecution", $$"""{"PipelineExecutionArn":"{{arn}}"}""");
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
