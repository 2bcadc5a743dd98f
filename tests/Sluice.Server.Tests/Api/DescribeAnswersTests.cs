using System.Text.Json;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Server.Tests.Support;
using static Sluice.Server.Tests.Support.TestPipelines;

namespace Sluice.Server.Tests.Api;

/// <summary>Members SageMaker writes in its answers that clients read: CreatedBy, LastModifiedBy, LastExecutionTime.</summary>
public sealed class DescribeAnswersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DescribeAndList_AfterAnExecution_WriteUserContextsAndLastExecutionTime()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "ran", Instant);
        await CreateAsync(sm, "idle", Instant);
        var arn = (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "ran" }, Ct)).PipelineExecutionArn!;
        await WaitAsync(sm, arn);
        using var http = new HttpClient();

        var execution = await JsonAsync(server, http, "SageMaker.DescribePipelineExecution", $$"""{"PipelineExecutionArn":"{{arn}}"}""");
        var pipeline = await JsonAsync(server, http, "SageMaker.DescribePipeline", """{"PipelineName":"ran"}""");
        var list = await JsonAsync(server, http, "SageMaker.ListPipelines", "{}");

        foreach (var answer in new[] { execution, pipeline })
        {
            answer.GetProperty("CreatedBy").GetProperty("IamIdentity").GetProperty("Arn").GetString().ShouldBe("arn:aws:iam::000000000000:user/sluice");
            answer.GetProperty("LastModifiedBy").GetProperty("IamIdentity").GetProperty("PrincipalId").GetString().ShouldNotBeNullOrEmpty();
        }

        var summaries = list.GetProperty("PipelineSummaries").EnumerateArray().ToDictionary(s => s.GetProperty("PipelineName").GetString()!);
        summaries["ran"].GetProperty("LastExecutionTime").GetDouble().ShouldBe(execution.GetProperty("CreationTime").GetDouble(), 0.001);
        summaries["idle"].TryGetProperty("LastExecutionTime", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task ListPipelineParametersForExecution_BooleanSentAsFalse_ReturnsItAsSent()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "flags", """
            {"Version": "2020-12-01", "Parameters": [{"Name": "Verbose", "Type": "Boolean", "DefaultValue": true}, {"Name": "Dry", "Type": "Boolean", "DefaultValue": false}],
             "Steps": [{"Name": "Check", "Type": "Condition", "Arguments": {
               "Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Parameters.Verbose"}, "RightValue": false}], "IfSteps": [], "ElseSteps": []}}]}
            """);
        var arn = (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "flags", PipelineParameters = [new Parameter("Verbose", "False")] }, Ct)).PipelineExecutionArn!;
        using var http = new HttpClient();

        var listed = await JsonAsync(server, http, "SageMaker.ListPipelineParametersForExecution", $$"""{"PipelineExecutionArn":"{{arn}}"}""");

        listed.GetProperty("PipelineParameters").EnumerateArray().Select(p => (p.GetProperty("Name").GetString(), p.GetProperty("Value").GetString()))
            .ShouldBe([("Verbose", "False"), ("Dry", "false")]);
    }

    private static async Task<JsonElement> JsonAsync(ServerHarness server, HttpClient http, string target, string body)
    {
        using var response = await server.PostAsync(http, target, body);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
