using System.Net;
using System.Text.Json;
using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Jobs;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Client.SageMaker.Registry;
using Sluice.Client.SageMaker.Steps;
using Sluice.Client.Tests.Support;

namespace Sluice.Client.Tests.SageMaker;

public sealed class SageMakerClientTests : IDisposable
{
    private const string ExecutionArn = "arn:aws:sagemaker:us-east-1:000000000000:pipeline/demo/execution/0a1b2c3d4e5f";
    private readonly RecordingHandler _handler = new();
    private readonly SageMakerClient _client;

    public SageMakerClientTests() =>
        _client = new SageMakerClient(new AwsClientOptions
        {
            Endpoint = new Uri("http://localhost:8080"),
            Region = "us-east-1",
            Credentials = new AwsCredentials("test", "test"),
            HttpClient = _handler.Client(),
            RetryDelay = _ => TimeSpan.Zero,
        });

    public static TheoryData<string> Operations =>
    [
        "CreatePipeline", "UpdatePipeline", "DeletePipeline", "DescribePipeline", "ListPipelines", "ListPipelineVersions", "UpdatePipelineVersion",
        "StartPipelineExecution", "StopPipelineExecution", "RetryPipelineExecution", "UpdatePipelineExecution", "DescribePipelineExecution",
        "ListPipelineExecutions", "ListPipelineExecutionSteps", "ListPipelineParametersForExecution", "DescribePipelineDefinitionForExecution",
        "SendPipelineExecutionStepSuccess", "SendPipelineExecutionStepFailure",
        "DescribeProcessingJob", "DescribeTrainingJob", "DescribeTransformJob", "DescribeHyperParameterTuningJob",
        "ListTrainingJobsForHyperParameterTuningJob", "DescribeModel", "DescribeModelPackage", "ListModelPackages", "UpdateModelPackage",
        "DescribeModelPackageGroup", "ListModelPackageGroups",
    ];

    public void Dispose()
    {
        _client.Dispose();
        _handler.Dispose();
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_AnyTypedCall_SendsItsTargetAndReadsTheResponse(string operation)
    {
        _handler.Ok("{}");

        await Call(operation);

        _handler.Requests.ShouldHaveSingleItem().Header("X-Amz-Target").ShouldBe("SageMaker." + operation);
    }

    [Fact]
    public async Task CreatePipelineAsync_Request_UsesBotocoreMemberNamesAndFillsTheToken()
    {
        _handler.Ok("""{"PipelineArn":"arn:aws:sagemaker:us-east-1:000000000000:pipeline/demo"}""");

        var response = await _client.CreatePipelineAsync(
            new CreatePipelineRequest
            {
                PipelineName = "demo",
                PipelineDefinition = """{"Version":"2020-12-01","Steps":[]}""",
                RoleArn = "arn:aws:iam::111122223333:role/R",
                Tags = [new Tag("team", "ml")],
                ParallelismConfiguration = new ParallelismConfiguration(2),
            },
            TestContext.Current.CancellationToken);

        response.PipelineArn.ShouldBe("arn:aws:sagemaker:us-east-1:000000000000:pipeline/demo");
        var body = _handler.Requests.Single().Json;
        body.GetProperty("PipelineName").GetString().ShouldBe("demo");
        body.GetProperty("PipelineDefinition").GetString().ShouldBe("""{"Version":"2020-12-01","Steps":[]}""");
        body.GetProperty("RoleArn").GetString().ShouldBe("arn:aws:iam::111122223333:role/R");
        body.GetProperty("Tags")[0].GetProperty("Key").GetString().ShouldBe("team");
        body.GetProperty("ParallelismConfiguration").GetProperty("MaxParallelExecutionSteps").GetInt32().ShouldBe(2);
        Guid.TryParse(body.GetProperty("ClientRequestToken").GetString(), out _).ShouldBeTrue();
        body.GetProperty("ClientRequestToken").GetString()!.Length.ShouldBe(36);
        body.TryGetProperty("PipelineDescription", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task StartPipelineExecutionAsync_RetriedAfterAServerError_SendsTheSameToken()
    {
        _handler.Respond(HttpStatusCode.InternalServerError, """{"__type":"InternalFailure","Message":"x"}""").Ok($$"""{"PipelineExecutionArn":"{{ExecutionArn}}"}""");

        var response = await _client.StartPipelineExecutionAsync(
            new StartPipelineExecutionRequest
            {
                PipelineName = "demo",
                PipelineParameters = [new Parameter("Threshold", "7")],
                SelectiveExecutionConfig = new SelectiveExecutionConfig([new SelectedStep("Train")], "arn:previous"),
                PipelineVersionId = 2,
            },
            TestContext.Current.CancellationToken);

        response.PipelineExecutionArn.ShouldBe(ExecutionArn);
        var tokens = _handler.Requests.Select(r => r.Json.GetProperty("ClientRequestToken").GetString()).ToList();
        tokens.Count.ShouldBe(2);
        tokens.Distinct().ShouldHaveSingleItem();
        var body = _handler.Requests[0].Json;
        body.GetProperty("PipelineParameters")[0].GetProperty("Value").GetString().ShouldBe("7");
        body.GetProperty("SelectiveExecutionConfig").GetProperty("SelectedSteps")[0].GetProperty("StepName").GetString().ShouldBe("Train");
        body.GetProperty("SelectiveExecutionConfig").GetProperty("SourcePipelineExecutionArn").GetString().ShouldBe("arn:previous");
        body.GetProperty("PipelineVersionId").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task StopPipelineExecutionAsync_TokenGiven_KeepsIt()
    {
        _handler.Ok($$"""{"PipelineExecutionArn":"{{ExecutionArn}}"}""");

        await _client.StopPipelineExecutionAsync(
            new StopPipelineExecutionRequest { PipelineExecutionArn = ExecutionArn, ClientRequestToken = new string('a', 36) },
            TestContext.Current.CancellationToken);

        _handler.Requests.Single().Json.GetProperty("ClientRequestToken").GetString().ShouldBe(new string('a', 36));
    }

    [Fact]
    public async Task SendPipelineExecutionStepSuccessAsync_OutputParameters_AreSent()
    {
        _handler.Ok($$"""{"PipelineExecutionArn":"{{ExecutionArn}}"}""");

        var response = await _client.SendPipelineExecutionStepSuccessAsync(
            new SendPipelineExecutionStepSuccessRequest { CallbackToken = "aB3dE5gH7j", OutputParameters = [new OutputParameter("score", "3")] },
            TestContext.Current.CancellationToken);

        response.PipelineExecutionArn.ShouldBe(ExecutionArn);
        var body = _handler.Requests.Single().Json;
        body.GetProperty("CallbackToken").GetString().ShouldBe("aB3dE5gH7j");
        body.GetProperty("OutputParameters")[0].GetProperty("Name").GetString().ShouldBe("score");
    }

    [Fact]
    public async Task DescribePipelineExecutionAsync_ErrorResponse_ThrowsResourceNotFound()
    {
        _handler.Respond(HttpStatusCode.BadRequest, """{"__type":"ResourceNotFound","Message":"Pipeline execution 'x' does not exist."}""", ("x-amzn-ErrorType", "ResourceNotFound"));

        var error = await Should.ThrowAsync<AwsServiceException>(() =>
            _client.DescribePipelineExecutionAsync(new DescribePipelineExecutionRequest { PipelineExecutionArn = ExecutionArn + "x" }, TestContext.Current.CancellationToken));

        error.ErrorCode.ShouldBe("ResourceNotFound");
        _handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ListAllPipelineExecutionsAsync_ThreePages_FollowsNextTokenToTheEnd()
    {
        _handler.Ok("""{"PipelineExecutionSummaries":[{"PipelineExecutionArn":"e1","StartTime":1700000000,"PipelineExecutionStatus":"Succeeded"}],"NextToken":"t1"}""")
            .Ok("""{"PipelineExecutionSummaries":[{"PipelineExecutionArn":"e2"},{"PipelineExecutionArn":"e3"}],"NextToken":"t2"}""")
            .Ok("""{"PipelineExecutionSummaries":[{"PipelineExecutionArn":"e4"}]}""");

        var arns = new List<string?>();
        await foreach (var summary in _client.ListAllPipelineExecutionsAsync(new ListPipelineExecutionsRequest { PipelineName = "demo", MaxResults = 2 }, TestContext.Current.CancellationToken))
        {
            arns.Add(summary.PipelineExecutionArn);
        }

        arns.ShouldBe(["e1", "e2", "e3", "e4"]);
        _handler.Requests.Select(r => r.Json.TryGetProperty("NextToken", out var t) ? t.GetString() : null).ShouldBe([null, "t1", "t2"]);
        _handler.Requests.ShouldAllBe(r => r.Json.GetProperty("PipelineName").GetString() == "demo" && r.Json.GetProperty("MaxResults").GetInt32() == 2);
    }

    [Fact]
    public async Task ListAllPipelinesAsync_NoRequest_ListsEveryPage()
    {
        _handler.Ok("""{"PipelineSummaries":[{"PipelineName":"a"}],"NextToken":"n"}""").Ok("""{"PipelineSummaries":[{"PipelineName":"b"}]}""");

        var names = await ToListAsync(_client.ListAllPipelinesAsync(cancellationToken: TestContext.Current.CancellationToken), p => p.PipelineName);

        names.ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task ListAllPipelineExecutionStepsAsync_PageWithoutItems_IsSkipped()
    {
        _handler.Ok("""{"NextToken":"n"}""").Ok("""{"PipelineExecutionSteps":[{"StepName":"Train"}]}""");

        var names = await ToListAsync(
            _client.ListAllPipelineExecutionStepsAsync(new ListPipelineExecutionStepsRequest { PipelineExecutionArn = ExecutionArn }, TestContext.Current.CancellationToken),
            s => s.StepName);

        names.ShouldBe(["Train"]);
    }

    [Fact]
    public async Task ListAllPipelineParametersForExecutionAsync_RepeatedToken_StopsWithAnError()
    {
        _handler.Ok("""{"PipelineParameters":[{"Name":"A","Value":"1"}],"NextToken":"same"}""");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => ToListAsync(
            _client.ListAllPipelineParametersForExecutionAsync(new ListPipelineParametersForExecutionRequest { PipelineExecutionArn = ExecutionArn }, TestContext.Current.CancellationToken),
            p => p.Name));

        error.Message.ShouldContain("'same'");
        _handler.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ListAllPipelineVersionsAsync_TwoPages_YieldsBoth()
    {
        _handler.Ok("""{"PipelineVersionSummaries":[{"PipelineVersionId":2}],"NextToken":"n"}""").Ok("""{"PipelineVersionSummaries":[{"PipelineVersionId":1}]}""");

        var ids = await ToListAsync(
            _client.ListAllPipelineVersionsAsync(new ListPipelineVersionsRequest { PipelineName = "demo" }, TestContext.Current.CancellationToken),
            v => v.PipelineVersionId);

        ids.ShouldBe([2L, 1L]);
    }

    [Fact]
    public async Task WaitForPipelineExecutionAsync_ExecutingThenSucceeded_ReturnsTheFinalDescription()
    {
        _handler.Ok("""{"PipelineExecutionStatus":"Executing"}""")
            .Ok("""{"PipelineExecutionStatus":"Stopping"}""")
            .Ok("""{"PipelineExecutionStatus":"Succeeded","LastModifiedTime":1700000000}""");

        var final = await _client.WaitForPipelineExecutionAsync(ExecutionArn, TimeSpan.Zero, TestContext.Current.CancellationToken);

        final.PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Succeeded);
        _handler.Requests.Count.ShouldBe(3);
        _handler.Requests.ShouldAllBe(r => r.Header("X-Amz-Target") == "SageMaker.DescribePipelineExecution");
    }

    [Fact]
    public async Task DescribeProcessingJobAsync_Response_IsKeptAsJsonWithTypedMembers()
    {
        _handler.Ok("""{"ProcessingJobName":"prep","ProcessingJobArn":"arn:p","ProcessingJobStatus":"Completed","CreationTime":1700000000,"ExitMessage":"ok"}""");

        var response = await _client.DescribeProcessingJobAsync(new DescribeProcessingJobRequest { ProcessingJobName = "prep" }, TestContext.Current.CancellationToken);

        response.ProcessingJobStatus.ShouldBe("Completed");
        response.ExitMessage.ShouldBe("ok");
        response.CreationTime.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        response.Json.GetProperty("ProcessingJobArn").GetString().ShouldBe("arn:p");
        _handler.Requests.Single().BodyText.ShouldBe("""{"ProcessingJobName":"prep"}""");
    }

    [Fact]
    public async Task UpdateModelPackageAsync_RawInferenceSpecification_IsSentAsGiven()
    {
        _handler.Ok("""{"ModelPackageArn":"arn:mp"}""");
        using var spec = JsonDocument.Parse("""{"Containers":[{"Image":"img"}],"SupportedContentTypes":["text/csv"]}""");

        var response = await _client.UpdateModelPackageAsync(
            new UpdateModelPackageRequest { ModelPackageArn = "arn:mp", ModelApprovalStatus = "Approved", InferenceSpecification = spec.RootElement },
            TestContext.Current.CancellationToken);

        response.ModelPackageArn.ShouldBe("arn:mp");
        _handler.Requests.Single().BodyText.ShouldBe(
            """{"ModelPackageArn":"arn:mp","ModelApprovalStatus":"Approved","InferenceSpecification":{"Containers":[{"Image":"img"}],"SupportedContentTypes":["text/csv"]}}""");
    }

    [Fact]
    public void Constructor_SqsTransport_IsRefused()
    {
        using var transport = new AwsJsonClient(AwsJsonService.Sqs, new AwsClientOptions { Endpoint = new Uri("http://localhost"), Region = "us-east-1", Anonymous = true });

        Should.Throw<ArgumentException>(() => new SageMakerClient(transport));
    }

    private static async Task<List<TValue>> ToListAsync<TItem, TValue>(IAsyncEnumerable<TItem> items, Func<TItem, TValue> select)
    {
        var list = new List<TValue>();
        await foreach (var item in items)
        {
            list.Add(select(item));
        }

        return list;
    }

    private Task Call(string operation)
    {
        var ct = TestContext.Current.CancellationToken;
        return operation switch
        {
            "CreatePipeline" => _client.CreatePipelineAsync(new CreatePipelineRequest { PipelineName = "p", RoleArn = "arn:r" }, ct),
            "UpdatePipeline" => _client.UpdatePipelineAsync(new UpdatePipelineRequest { PipelineName = "p" }, ct),
            "DeletePipeline" => _client.DeletePipelineAsync(new DeletePipelineRequest { PipelineName = "p" }, ct),
            "DescribePipeline" => _client.DescribePipelineAsync(new DescribePipelineRequest { PipelineName = "p" }, ct),
            "ListPipelines" => _client.ListPipelinesAsync(new ListPipelinesRequest(), ct),
            "ListPipelineVersions" => _client.ListPipelineVersionsAsync(new ListPipelineVersionsRequest { PipelineName = "p" }, ct),
            "UpdatePipelineVersion" => _client.UpdatePipelineVersionAsync(new UpdatePipelineVersionRequest { PipelineArn = "arn:p", PipelineVersionId = 1 }, ct),
            "StartPipelineExecution" => _client.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "p" }, ct),
            "StopPipelineExecution" => _client.StopPipelineExecutionAsync(new StopPipelineExecutionRequest { PipelineExecutionArn = ExecutionArn }, ct),
            "RetryPipelineExecution" => _client.RetryPipelineExecutionAsync(new RetryPipelineExecutionRequest { PipelineExecutionArn = ExecutionArn }, ct),
            "UpdatePipelineExecution" => _client.UpdatePipelineExecutionAsync(new UpdatePipelineExecutionRequest { PipelineExecutionArn = ExecutionArn }, ct),
            "DescribePipelineExecution" => _client.DescribePipelineExecutionAsync(new DescribePipelineExecutionRequest { PipelineExecutionArn = ExecutionArn }, ct),
            "ListPipelineExecutions" => _client.ListPipelineExecutionsAsync(new ListPipelineExecutionsRequest { PipelineName = "p" }, ct),
            "ListPipelineExecutionSteps" => _client.ListPipelineExecutionStepsAsync(new ListPipelineExecutionStepsRequest { PipelineExecutionArn = ExecutionArn }, ct),
            "ListPipelineParametersForExecution" => _client.ListPipelineParametersForExecutionAsync(new ListPipelineParametersForExecutionRequest { PipelineExecutionArn = ExecutionArn }, ct),
            "DescribePipelineDefinitionForExecution" => _client.DescribePipelineDefinitionForExecutionAsync(new DescribePipelineDefinitionForExecutionRequest { PipelineExecutionArn = ExecutionArn }, ct),
            "SendPipelineExecutionStepSuccess" => _client.SendPipelineExecutionStepSuccessAsync(new SendPipelineExecutionStepSuccessRequest { CallbackToken = "aB3dE5gH7j" }, ct),
            "SendPipelineExecutionStepFailure" => _client.SendPipelineExecutionStepFailureAsync(new SendPipelineExecutionStepFailureRequest { CallbackToken = "aB3dE5gH7j", FailureReason = "no" }, ct),
            "DescribeProcessingJob" => _client.DescribeProcessingJobAsync(new DescribeProcessingJobRequest { ProcessingJobName = "j" }, ct),
            "DescribeTrainingJob" => _client.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = "j" }, ct),
            "DescribeTransformJob" => _client.DescribeTransformJobAsync(new DescribeTransformJobRequest { TransformJobName = "j" }, ct),
            "DescribeHyperParameterTuningJob" => _client.DescribeHyperParameterTuningJobAsync(new DescribeHyperParameterTuningJobRequest { HyperParameterTuningJobName = "j" }, ct),
            "ListTrainingJobsForHyperParameterTuningJob" => _client.ListTrainingJobsForHyperParameterTuningJobAsync(
                new ListTrainingJobsForHyperParameterTuningJobRequest { HyperParameterTuningJobName = "j" }, ct),
            "DescribeModel" => _client.DescribeModelAsync(new DescribeModelRequest { ModelName = "m" }, ct),
            "DescribeModelPackage" => _client.DescribeModelPackageAsync(new DescribeModelPackageRequest { ModelPackageName = "arn:mp" }, ct),
            "ListModelPackages" => _client.ListModelPackagesAsync(new ListModelPackagesRequest { ModelPackageGroupName = "g" }, ct),
            "UpdateModelPackage" => _client.UpdateModelPackageAsync(new UpdateModelPackageRequest { ModelPackageArn = "arn:mp" }, ct),
            "DescribeModelPackageGroup" => _client.DescribeModelPackageGroupAsync(new DescribeModelPackageGroupRequest { ModelPackageGroupName = "g" }, ct),
            "ListModelPackageGroups" => _client.ListModelPackageGroupsAsync(new ListModelPackageGroupsRequest(), ct),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "not a SageMaker operation"),
        };
    }
}
