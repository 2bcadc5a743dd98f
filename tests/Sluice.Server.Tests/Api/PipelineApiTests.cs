using System.Net;
using System.Text.Json;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Client.SageMaker.Steps;
using Sluice.Server.Tests.Support;
using static Sluice.Server.Tests.Support.TestPipelines;

namespace Sluice.Server.Tests.Api;

/// <summary>The pipeline operations, driven through the C# SageMaker client against a real in-process server.</summary>
public sealed class PipelineApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreatePipeline_ThenUpdateAndDescribe_KeepsVersionsAndTheLatestDefinition()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();

        var created = await sm.CreatePipelineAsync(new CreatePipelineRequest
        {
            PipelineName = "demo", PipelineDefinition = Instant, RoleArn = Role, PipelineDescription = "first", PipelineDisplayName = "Demo",
        }, Ct);
        var updated = await sm.UpdatePipelineAsync(new UpdatePipelineRequest { PipelineName = "demo", PipelineDefinition = CallbackThenCondition }, Ct);
        var latest = await sm.DescribePipelineAsync(new DescribePipelineRequest { PipelineName = created.PipelineArn! }, Ct);
        var first = await sm.DescribePipelineAsync(new DescribePipelineRequest { PipelineName = "demo", PipelineVersionId = 1 }, Ct);

        created.PipelineArn.ShouldBe("arn:aws:sagemaker:us-east-1:000000000000:pipeline/demo");
        updated.PipelineVersionId.ShouldBe(2);
        latest.PipelineDefinition.ShouldBe(CallbackThenCondition);
        latest.PipelineDescription.ShouldBe("first", "an update without a description keeps it");
        latest.PipelineDisplayName.ShouldBe("Demo");
        latest.PipelineStatus.ShouldBe("Active");
        first.PipelineDefinition.ShouldBe(Instant);
    }

    [Fact]
    public async Task CreatePipeline_Twice_AnswersValidationExceptionAlreadyExists()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "demo", Instant);

        var error = await Should.ThrowAsync<AwsServiceException>(() => CreateAsync(sm, "demo", Instant));

        error.ErrorCode.ShouldBe("ValidationException");
        error.Message.ShouldContain("already exists");
        error.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreatePipeline_InvalidDefinition_AnswersTheValidatorsMessage()
    {
        await using var server = await ServerHarness.StartAsync();

        var error = await Should.ThrowAsync<AwsServiceException>(() => CreateAsync(server.SageMaker(), "bad", """{"Version": "2020-12-01", "Steps": [{"Name": "A", "Type": "Fail", "DependsOn": ["Nope"]}]}"""));

        error.ErrorCode.ShouldBe("ValidationException");
        error.Message.ShouldContain("Nope");
    }

    [Fact]
    public async Task CreatePipeline_JobArgumentsBreakingTheJobRequest_AnswersTheStepAndPath()
    {
        await using var server = await ServerHarness.StartAsync();
        const string definition = """
            {"Version": "2020-12-01", "Steps": [{"Name": "Prep", "Type": "Processing", "Arguments": {
              "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": "one", "VolumeSizeInGB": 30}},
              "AppSpecification": {"ImageUri": "image"}, "RoleArn": "arn:aws:iam::123456789012:role/SageMaker"}}]}
            """;

        var error = await Should.ThrowAsync<AwsServiceException>(() => CreateAsync(server.SageMaker(), "bad", definition));

        error.ErrorCode.ShouldBe("ValidationException");
        error.Message.ShouldContain("Steps[0] 'Prep' Arguments.ProcessingResources.ClusterConfig.InstanceCount: must be a whole number, not \"one\"");
        (await server.SageMaker().ListPipelinesAsync(new(), TestContext.Current.CancellationToken)).PipelineSummaries.ShouldBeEmpty();
    }

    [Fact]
    public async Task StartPipelineExecution_CallbackAnsweredAndWaited_EndsAsTheConditionSays()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "demo", CallbackThenCondition);

        var started = await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest
        {
            PipelineName = "demo", PipelineParameters = [new Parameter("Threshold", "7")], PipelineExecutionDisplayName = "run-1",
        }, Ct);
        var token = await CallbackTokenAsync(sm, started.PipelineExecutionArn!);
        await sm.SendPipelineExecutionStepSuccessAsync(new SendPipelineExecutionStepSuccessRequest { CallbackToken = token, OutputParameters = [new OutputParameter("score", "3")] }, Ct);
        var ended = await WaitAsync(sm, started.PipelineExecutionArn!);

        ended.PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Failed);
        ended.FailureReason.ShouldBe("score too low");
        ended.PipelineExecutionDisplayName.ShouldBe("run-1");
        var steps = await sm.ListAllPipelineExecutionStepsAsync(new ListPipelineExecutionStepsRequest { PipelineExecutionArn = started.PipelineExecutionArn }, Ct).ToListAsync(Ct);
        steps.Select(s => s.StepName).ShouldBe(["TooLow", "Check", "Approve"]);
        steps[1].Metadata!.Condition!.Outcome.ShouldBe("False");
        steps[2].Metadata!.Callback!.OutputParameters!.Single().ShouldBe(new OutputParameter("score", "3"));
        var parameters = await sm.ListAllPipelineParametersForExecutionAsync(new ListPipelineParametersForExecutionRequest { PipelineExecutionArn = started.PipelineExecutionArn! }, Ct).ToListAsync(Ct);
        parameters.ShouldBe([new Parameter("Threshold", "7")]);
        var definition = await sm.DescribePipelineDefinitionForExecutionAsync(new DescribePipelineDefinitionForExecutionRequest { PipelineExecutionArn = started.PipelineExecutionArn! }, Ct);
        definition.PipelineDefinition.ShouldBe(CallbackThenCondition);
    }

    [Fact]
    public async Task StopPipelineExecution_WaitingCallback_StopsAndASecondStopConflicts()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "demo", CallbackThenCondition);
        var arn = (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "demo" }, Ct)).PipelineExecutionArn!;
        var token = await CallbackTokenAsync(sm, arn);

        await sm.StopPipelineExecutionAsync(new StopPipelineExecutionRequest { PipelineExecutionArn = arn }, Ct);
        await sm.SendPipelineExecutionStepFailureAsync(new SendPipelineExecutionStepFailureRequest { CallbackToken = token, FailureReason = "stopped by the consumer" }, Ct);
        var ended = await WaitAsync(sm, arn);
        var again = await Should.ThrowAsync<AwsServiceException>(() => sm.StopPipelineExecutionAsync(new StopPipelineExecutionRequest { PipelineExecutionArn = arn }, Ct));

        ended.PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Stopped);
        again.ErrorCode.ShouldBe("ConflictException");
    }

    [Fact]
    public async Task RetryPipelineExecution_FailedExecution_RunsTheFailedStepAgain()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "demo", CallbackThenCondition);
        var arn = (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "demo" }, Ct)).PipelineExecutionArn!;
        var failed = await CallbackTokenAsync(sm, arn);
        await sm.SendPipelineExecutionStepFailureAsync(new SendPipelineExecutionStepFailureRequest { CallbackToken = failed, FailureReason = "not yet" }, Ct);
        (await WaitAsync(sm, arn)).PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Failed);

        await sm.RetryPipelineExecutionAsync(new RetryPipelineExecutionRequest { PipelineExecutionArn = arn, ParallelismConfiguration = new ParallelismConfiguration(3) }, Ct);
        var token = await CallbackTokenAsync(sm, arn, except: failed);
        (await sm.DescribePipelineExecutionAsync(new DescribePipelineExecutionRequest { PipelineExecutionArn = arn }, Ct)).ParallelismConfiguration!.MaxParallelExecutionSteps.ShouldBe(3);
        await sm.SendPipelineExecutionStepSuccessAsync(new SendPipelineExecutionStepSuccessRequest { CallbackToken = token, OutputParameters = [new OutputParameter("score", "9")] }, Ct);

        (await WaitAsync(sm, arn)).PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task SendPipelineExecutionStepSuccess_TokenUsedTwice_Conflicts()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "demo", CallbackThenCondition);
        var arn = (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "demo" }, Ct)).PipelineExecutionArn!;
        var token = await CallbackTokenAsync(sm, arn);
        await sm.SendPipelineExecutionStepSuccessAsync(new SendPipelineExecutionStepSuccessRequest { CallbackToken = token, OutputParameters = [new OutputParameter("score", "9")] }, Ct);

        var error = await Should.ThrowAsync<AwsServiceException>(() => sm.SendPipelineExecutionStepSuccessAsync(new SendPipelineExecutionStepSuccessRequest { CallbackToken = token }, Ct));

        error.ErrorCode.ShouldBe("ConflictException");
    }

    [Fact]
    public async Task ListPipelineExecutions_PagesOfTwo_FollowNextTokenNewestFirstOrAscending()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "demo", Instant);
        var arns = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            arns.Add((await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "demo" }, Ct)).PipelineExecutionArn!);
            await Task.Delay(5, Ct); // distinct creation times
        }

        var first = await sm.ListPipelineExecutionsAsync(new ListPipelineExecutionsRequest { PipelineName = "demo", MaxResults = 2 }, Ct);
        var newestFirst = await sm.ListAllPipelineExecutionsAsync(new ListPipelineExecutionsRequest { PipelineName = "demo", MaxResults = 2 }, Ct).ToListAsync(Ct);
        var oldestFirst = await sm.ListAllPipelineExecutionsAsync(new ListPipelineExecutionsRequest { PipelineName = "demo", MaxResults = 2, SortOrder = "Ascending" }, Ct).ToListAsync(Ct);

        first.PipelineExecutionSummaries!.Count.ShouldBe(2);
        first.NextToken.ShouldNotBeNullOrEmpty();
        newestFirst.Select(e => e.PipelineExecutionArn).ShouldBe(Enumerable.Reverse(arns));
        oldestFirst.Select(e => e.PipelineExecutionArn).ShouldBe(arns);
    }

    [Fact]
    public async Task ListPipelines_SortByNameWithPrefix_ReturnsTheMatchingOnesInOrder()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        foreach (var name in new[] { "b-team", "a-team", "other" })
        {
            await CreateAsync(sm, name, Instant);
        }

        var ascending = await sm.ListAllPipelinesAsync(new ListPipelinesRequest { SortBy = "Name", SortOrder = "Ascending", MaxResults = 1 }, Ct).ToListAsync(Ct);
        var prefixed = await sm.ListPipelinesAsync(new ListPipelinesRequest { PipelineNamePrefix = "a" }, Ct);

        ascending.Select(p => p.PipelineName).ShouldBe(["a-team", "b-team", "other"]);
        prefixed.PipelineSummaries!.Select(p => p.PipelineName).ShouldBe(["a-team"]);
    }

    [Fact]
    public async Task UpdatePipelineVersion_NamesAVersion_ListedAndDescribed()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        var arn = (await CreateAsync(sm, "demo", Instant)).PipelineArn!;
        await sm.UpdatePipelineAsync(new UpdatePipelineRequest { PipelineName = "demo", PipelineDefinition = CallbackThenCondition }, Ct);

        var answer = await sm.UpdatePipelineVersionAsync(new UpdatePipelineVersionRequest { PipelineArn = arn, PipelineVersionId = 1, PipelineVersionDisplayName = "baseline", PipelineVersionDescription = "before the callback" }, Ct);
        var versions = await sm.ListAllPipelineVersionsAsync(new ListPipelineVersionsRequest { PipelineName = "demo" }, Ct).ToListAsync(Ct);
        var missing = await Should.ThrowAsync<AwsServiceException>(() => sm.UpdatePipelineVersionAsync(new UpdatePipelineVersionRequest { PipelineArn = arn, PipelineVersionId = 9, PipelineVersionDisplayName = "x" }, Ct));

        answer.PipelineVersionId.ShouldBe(1);
        versions.Select(v => (v.PipelineVersionId, v.PipelineVersionDisplayName)).ShouldBe([(2L, (string?)null), (1L, "baseline")]);
        versions[1].PipelineVersionDescription.ShouldBe("before the callback");
        (await sm.DescribePipelineAsync(new DescribePipelineRequest { PipelineName = "demo", PipelineVersionId = 1 }, Ct)).PipelineVersionDisplayName.ShouldBe("baseline");
        missing.ErrorCode.ShouldBe("ResourceNotFound");
    }

    [Fact]
    public async Task UpdatePipelineExecution_DisplayNameAndDescription_AreDescribed()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "demo", Instant);
        var arn = (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "demo" }, Ct)).PipelineExecutionArn!;
        await WaitAsync(sm, arn);

        await sm.UpdatePipelineExecutionAsync(new UpdatePipelineExecutionRequest { PipelineExecutionArn = arn, PipelineExecutionDisplayName = "renamed", PipelineExecutionDescription = "checked" }, Ct);

        var described = await sm.DescribePipelineExecutionAsync(new DescribePipelineExecutionRequest { PipelineExecutionArn = arn }, Ct);
        (described.PipelineExecutionDisplayName, described.PipelineExecutionDescription, described.PipelineExecutionStatus).ShouldBe(("renamed", "checked", PipelineExecutionStatus.Succeeded));
    }

    [Fact]
    public async Task DeletePipeline_WhileAnExecutionRuns_ConflictsThenDeletesWhenStopped()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "demo", CallbackThenCondition);
        var arn = (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "demo" }, Ct)).PipelineExecutionArn!;
        var token = await CallbackTokenAsync(sm, arn);

        var conflict = await Should.ThrowAsync<AwsServiceException>(() => sm.DeletePipelineAsync(new DeletePipelineRequest { PipelineName = "demo" }, Ct));
        await sm.SendPipelineExecutionStepSuccessAsync(new SendPipelineExecutionStepSuccessRequest { CallbackToken = token, OutputParameters = [new OutputParameter("score", "9")] }, Ct);
        await WaitAsync(sm, arn);
        await sm.DeletePipelineAsync(new DeletePipelineRequest { PipelineName = "demo" }, Ct);
        var gone = await Should.ThrowAsync<AwsServiceException>(() => sm.DescribePipelineAsync(new DescribePipelineRequest { PipelineName = "demo" }, Ct));

        conflict.ErrorCode.ShouldBe("ConflictException");
        gone.ErrorCode.ShouldBe("ResourceNotFound");
    }

    [Fact]
    public async Task StartPipelineExecution_SameClientRequestToken_StartsOnceEvenAcrossARestart()
    {
        var directory = Directory.CreateTempSubdirectory("sluice-idempotent-").FullName;
        try
        {
            var request = new StartPipelineExecutionRequest { PipelineName = "demo", ClientRequestToken = new string('a', 36), PipelineParameters = [new Parameter("Threshold", "1")] };
            string first;
            await using (var server = await ServerHarness.StartAsync(directory))
            {
                var sm = server.SageMaker();
                await CreateAsync(sm, "demo", CallbackThenCondition);
                first = (await sm.StartPipelineExecutionAsync(request, Ct)).PipelineExecutionArn!;
                (await sm.StartPipelineExecutionAsync(request, Ct)).PipelineExecutionArn.ShouldBe(first);
            }

            await using (var restarted = await ServerHarness.StartAsync(directory))
            {
                var sm = restarted.SageMaker();
                (await sm.StartPipelineExecutionAsync(request, Ct)).PipelineExecutionArn.ShouldBe(first);
                var mismatch = await Should.ThrowAsync<AwsServiceException>(() => sm.StartPipelineExecutionAsync(request with { PipelineParameters = [new Parameter("Threshold", "2")] }, Ct));
                mismatch.ErrorCode.ShouldBe("ValidationException");
                (await sm.ListPipelineExecutionsAsync(new ListPipelineExecutionsRequest { PipelineName = "demo" }, Ct)).PipelineExecutionSummaries!.Count.ShouldBe(1);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task StartPipelineExecution_SameTokenAfterThePipelineWasDeleted_GetsTheFirstAnswer()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "demo", Instant);
        var request = new StartPipelineExecutionRequest { PipelineName = "demo", ClientRequestToken = new string('c', 40) };
        var first = (await sm.StartPipelineExecutionAsync(request, Ct)).PipelineExecutionArn!;
        await WaitAsync(sm, first);
        await sm.DeletePipelineAsync(new DeletePipelineRequest { PipelineName = "demo" }, Ct);

        var again = await sm.StartPipelineExecutionAsync(request, Ct);
        var other = await Should.ThrowAsync<AwsServiceException>(() => sm.StartPipelineExecutionAsync(request with { ClientRequestToken = new string('d', 40) }, Ct));

        again.PipelineExecutionArn.ShouldBe(first);
        other.ErrorCode.ShouldBe("ResourceNotFound");
    }

    [Fact]
    public async Task StartPipelineExecution_SameTokenConcurrently_StartsOnce()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "demo", Instant);
        var request = new StartPipelineExecutionRequest { PipelineName = "demo", ClientRequestToken = new string('b', 40) };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sm.StartPipelineExecutionAsync(request, Ct)));

        answers.Select(a => a.PipelineExecutionArn).Distinct().Count().ShouldBe(1);
        (await sm.ListPipelineExecutionsAsync(new ListPipelineExecutionsRequest { PipelineName = "demo" }, Ct)).PipelineExecutionSummaries!.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("DescribePipelineExecution", "{\"PipelineExecutionArn\": \"arn:aws:sagemaker:us-east-1:000000000000:pipeline/none/execution/abc\"}", "ResourceNotFound")]
    [InlineData("DescribePipeline", "{\"PipelineName\": \"none\"}", "ResourceNotFound")]
    [InlineData("ListPipelineExecutions", "{\"PipelineName\": \"none\"}", "ResourceNotFound")]
    [InlineData("ListPipelines", "{\"MaxResults\": 500}", "ValidationException")]
    [InlineData("ListPipelines", "{\"NextToken\": \"not-a-token\"}", "ValidationException")]
    [InlineData("DescribeNothing", "{}", "UnknownOperationException")]
    public async Task Post_ClientMistake_AnswersSageMakersErrorCode(string operation, string body, string code)
    {
        await using var server = await ServerHarness.StartAsync();
        var transport = new AwsJsonClient(AwsJsonService.SageMaker, new AwsClientOptions { Endpoint = server.Address, Region = "us-east-1", Credentials = ServerHarness.TestCredentials, MaxAttempts = 1 });

        var error = await Should.ThrowAsync<AwsServiceException>(() => transport.SendAsync(operation, System.Text.Encoding.UTF8.GetBytes(body), Ct));

        error.ErrorCode.ShouldBe(code);
        error.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.RequestId.ShouldNotBeNullOrEmpty();
        error.Message.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Answers413WithTheLimit()
    {
        await using var server = await ServerHarness.StartAsync(maxBodyBytes: 1024);
        using var http = new HttpClient();

        using var response = await server.PostAsync(http, "SageMaker.ListPipelines", "{\"PipelineNamePrefix\": \"" + new string('x', 2000) + "\"}");

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        error.RootElement.GetProperty("__type").GetString().ShouldBe("ValidationException");
        error.RootElement.GetProperty("Message").GetString()!.ShouldContain("at most 1024 bytes");
    }
}
