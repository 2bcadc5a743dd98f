using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Client.SageMaker.Tags;
using Sluice.Server.Api;
using Sluice.Server.Tests.Support;
using static Sluice.Server.Tests.Support.TestPipelines;

namespace Sluice.Server.Tests.Api;

/// <summary>
/// The server reads requests and writes answers with the client's wire types: nothing the engine stored is lost on the
/// way, members the hand-written parsers ignored are honoured, and a body that does not fit a type is the client's mistake.
/// </summary>
public sealed class WireShapesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("arn:aws:sagemaker:us-east-1:111122223333:pipeline/a", "arn:aws:iam::111122223333:user/sluice")]
    [InlineData("arn:aws:sagemaker:us-east-1:444455556666:pipeline/b", "arn:aws:iam::444455556666:user/sluice")]
    [InlineData("arn:aws:sagemaker:us-east-1::pipeline/c", "arn:aws:iam::000000000000:user/sluice")]
    [InlineData("not-an-arn", "arn:aws:iam::000000000000:user/sluice")]
    public void User_AccountsInTurn_EachGetsItsOwnIdentity(string resourceArn, string expected)
    {
        WireShapes.User("arn:aws:sagemaker:us-east-1:999999999999:pipeline/other"); // the one kept before: must not leak into the next
        WireShapes.User(resourceArn).IamIdentity!.Arn.ShouldBe(expected);
        WireShapes.User(resourceArn).IamIdentity!.Arn.ShouldBe(expected);
    }

    [Fact]
    public async Task ListPipelineExecutionSteps_CallbackConditionAndFail_MetadataIsWhatTheEngineStored()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "demo", CallbackThenCondition);
        var arn = (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "demo" }, Ct)).PipelineExecutionArn!;
        var token = await CallbackTokenAsync(sm, arn);
        await sm.SendPipelineExecutionStepSuccessAsync(new SendPipelineExecutionStepSuccessRequest { CallbackToken = token, OutputParameters = [new OutputParameter("score", "1")] }, Ct);
        await WaitAsync(sm, arn);
        using var http = new HttpClient();

        var answer = await server.PostAsync(http, "SageMaker.ListPipelineExecutionSteps", $$"""{"PipelineExecutionArn": "{{arn}}"}""");
        var listed = JsonNode.Parse(await answer.Content.ReadAsStringAsync(Ct))!["PipelineExecutionSteps"]!.AsArray()
            .ToDictionary(s => s!["StepName"]!.GetValue<string>(), s => s!["Metadata"]);
        var stored = await server.Engine.Queries.ListStepsAsync(arn, Ct);

        listed.Keys.Order().ShouldBe(["Approve", "Check", "TooLow"]);
        foreach (var step in stored)
        {
            JsonNode.DeepEquals(listed[step.StepName], JsonNode.Parse(step.MetadataJson!)).ShouldBeTrue($"{step.StepName}: {listed[step.StepName]} against {step.MetadataJson}");
        }
    }

    [Fact]
    public async Task Tags_ThroughTheTypedClient_AddListPageAndDelete()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        var arn = (await CreateAsync(sm, "tagged", Instant)).PipelineArn!;
        var many = Enumerable.Range(0, 45).Select(i => new Tag($"k{i:D2}", $"v{i}")).ToList();

        await sm.AddTagsAsync(new AddTagsRequest { ResourceArn = arn, Tags = many[..30] }, Ct);
        var added = await sm.AddTagsAsync(new AddTagsRequest { ResourceArn = arn, Tags = many[30..] }, Ct);
        var firstPage = await sm.ListTagsAsync(new ListTagsRequest { ResourceArn = arn, MaxResults = 50 }, Ct);
        await sm.DeleteTagsAsync(new DeleteTagsRequest { ResourceArn = arn, TagKeys = [.. many[..40].Select(t => t.Key)] }, Ct);
        var left = await sm.ListAllTagsAsync(new ListTagsRequest { ResourceArn = arn }, Ct).ToListAsync(Ct);

        added.Tags.ShouldBe(many[30..]);
        firstPage.Tags!.Count.ShouldBe(45);
        firstPage.NextToken.ShouldBeNull();
        left.OrderBy(t => t.Key, StringComparer.Ordinal).ShouldBe(many[40..]);
    }

    [Fact]
    public async Task ListPipelines_CreatedAfterAndLastExecutionTime_FilterAndTellWhenEachLastRan()
    {
        var time = new MovableClock();
        await using var server = await ServerHarness.StartAsync(time: time);
        var sm = server.SageMaker();
        var start = time.GetUtcNow();
        await CreateAsync(sm, "old", Instant);
        time.Offset = TimeSpan.FromMinutes(5);
        await CreateAsync(sm, "new", Instant);
        time.Offset = TimeSpan.FromMinutes(10);
        var run = await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "old" }, Ct);
        await WaitAsync(sm, run.PipelineExecutionArn!);
        var started = (await sm.DescribePipelineExecutionAsync(new DescribePipelineExecutionRequest { PipelineExecutionArn = run.PipelineExecutionArn! }, Ct)).CreationTime;

        var all = await sm.ListPipelinesAsync(new ListPipelinesRequest(), Ct);
        var recent = await sm.ListPipelinesAsync(new ListPipelinesRequest { CreatedAfter = start.AddMinutes(1) }, Ct);

        recent.PipelineSummaries!.Select(p => p.PipelineName).ShouldBe(["new"]);
        all.PipelineSummaries!.Single(p => p.PipelineName == "old").LastExecutionTime.ShouldBe(started);
        started!.Value.ShouldBeGreaterThan(start.AddMinutes(9));
        all.PipelineSummaries!.Single(p => p.PipelineName == "new").LastExecutionTime.ShouldBeNull();
    }

    [Theory]
    [InlineData("SageMaker.DescribePipeline", """{"PipelineName": "demo", "PipelineVersionId": 1e30}""")]
    [InlineData("SageMaker.ListPipelines", """{"MaxResults": 3000000000}""")]
    [InlineData("SageMaker.StartPipelineExecution", """{"PipelineName": "demo", "ClientRequestToken": "token-token-token-1", "ParallelismConfiguration": {"MaxParallelExecutionSteps": 1e10}}""")]
    public async Task Post_NumberBeyondItsWireType_IsAClientErrorNotAFault(string target, string body)
    {
        await using var server = await ServerHarness.StartAsync();
        await CreateAsync(server.SageMaker(), "demo", Instant);
        using var http = new HttpClient();

        var answer = await server.PostAsync(http, target, body);

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        answer.Headers.GetValues("x-amzn-ErrorType").Single().ShouldBeOneOf("ValidationException", "SerializationException");
        (await answer.Content.ReadAsStringAsync(Ct)).ShouldNotContain("   at ");
    }

    [Fact]
    public async Task ListPipelineExecutionSteps_NoExecutionArn_NamesTheMember()
    {
        await using var server = await ServerHarness.StartAsync();

        var error = await Should.ThrowAsync<AwsServiceException>(() => server.SageMaker().ListPipelineExecutionStepsAsync(new Client.SageMaker.Steps.ListPipelineExecutionStepsRequest(), Ct));

        error.ErrorCode.ShouldBe("ValidationException");
        error.Message.ShouldContain("pipelineExecutionArn");
    }

    /// <summary>The system clock moved by a settable offset; its timers stay real, so the engine runs as usual.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }
}
