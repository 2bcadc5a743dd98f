using System.Net;
using System.Text.Json;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.Api.Pipelines;

/// <summary>
/// ListPipelineExecutions paged in the store, and the other operations that read executions (DescribePipeline's
/// LastRunTime, ListPipelineVersions' last execution, DeletePipeline's running check), over HTTP. Executions are put
/// in the store directly, at fixed times.
/// </summary>
public sealed class ExecutionListingTests : IAsyncLifetime
{
    private const string Pipeline = "listed";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _http = new();
    private ServerHarness? _server;

    private ServerHarness Server => _server!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await ServerHarness.StartAsync();
        var definition = """{"Version":"2020-12-01","Steps":[{"Name":"Stop","Type":"Fail","Arguments":{"ErrorMessage":"stop"}}]}""";
        using var created = await Server.PostAsync(_http, "SageMaker.CreatePipeline", Requests.CreatePipeline(("PipelineName", Pipeline), ("PipelineDefinition", definition)));
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task ListPipelineExecutions_PagesOfTwo_ListEveryExecutionOnceNewestFirst()
    {
        var arns = await StoreExecutionsAsync(("e0", 0), ("e1", 1), ("e2", 2), ("e3", 3), ("e4", 4));

        var pages = await ListAllAsync("""{"PipelineName":"listed","MaxResults":2}""");

        pages.Select(p => p.Count).ShouldBe([2, 2, 1]);
        pages.SelectMany(p => p).ShouldBe([arns[4], arns[3], arns[2], arns[1], arns[0]]);
    }

    [Fact]
    public async Task ListPipelineExecutions_AscendingWithTies_IsTheExactReverseOfDescending()
    {
        await StoreExecutionsAsync(("b", 1), ("a", 1), ("c", 0), ("d", 2));

        var descending = (await ListAllAsync("""{"PipelineName":"listed","MaxResults":3}""")).SelectMany(p => p).ToList();
        var ascending = (await ListAllAsync("""{"PipelineName":"listed","MaxResults":1,"SortOrder":"Ascending"}""")).SelectMany(p => p).ToList();

        descending.Select(Id).ShouldBe(["d", "a", "b", "c"]);
        ascending.ShouldBe(Enumerable.Reverse(descending));
    }

    [Fact]
    public async Task ListPipelineExecutions_SortByArn_OrdersByArnEitherWay()
    {
        await StoreExecutionsAsync(("b", 0), ("c", 2), ("a", 1));

        var up = (await ListAllAsync("""{"PipelineName":"listed","SortBy":"PipelineExecutionArn","SortOrder":"Ascending","MaxResults":2}""")).SelectMany(p => p);
        var down = (await ListAllAsync("""{"PipelineName":"listed","SortBy":"PipelineExecutionArn"}""")).SelectMany(p => p);

        up.Select(Id).ShouldBe(["a", "b", "c"]);
        down.Select(Id).ShouldBe(["c", "b", "a"]);
    }

    [Fact]
    public async Task ListPipelineExecutions_CreatedAfterAndBefore_KeepOnlyExecutionsStrictlyBetween()
    {
        await StoreExecutionsAsync(("e0", 0), ("e1", 1), ("e2", 2), ("e3", 3));
        var after = T0.AddSeconds(1).ToUnixTimeSeconds();
        var before = T0.AddSeconds(3).ToUnixTimeSeconds();

        var seconds = (await ListAllAsync($$"""{"PipelineName":"listed","CreatedAfter":{{after}},"CreatedBefore":{{before}}}""")).SelectMany(p => p);
        var iso = (await ListAllAsync("""{"PipelineName":"listed","CreatedAfter":"2026-01-01T00:00:00.5Z"}""")).SelectMany(p => p);

        seconds.Select(Id).ShouldBe(["e2"]);
        iso.Select(Id).ShouldBe(["e3", "e2", "e1"]);
    }

    [Fact]
    public async Task ListPipelineExecutions_TokenOfAnotherOrderOrGarbage_AnswersValidationException()
    {
        await StoreExecutionsAsync(("e0", 0), ("e1", 1));
        var first = await ListAsync("""{"PipelineName":"listed","MaxResults":1}""");
        var token = first.GetProperty("NextToken").GetString();

        using var otherOrder = await Server.PostAsync(_http, "SageMaker.ListPipelineExecutions", $$"""{"PipelineName":"listed","SortOrder":"Ascending","NextToken":"{{token}}"}""");
        using var garbage = await Server.PostAsync(_http, "SageMaker.ListPipelineExecutions", """{"PipelineName":"listed","NextToken":"MTA="}""");

        otherOrder.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        otherOrder.Headers.GetValues("x-amzn-ErrorType").ShouldBe(["ValidationException"]);
        garbage.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        garbage.Headers.GetValues("x-amzn-ErrorType").ShouldBe(["ValidationException"]);
    }

    [Fact]
    public async Task ListPipelineExecutions_UnknownPipeline_AnswersResourceNotFound()
    {
        using var response = await Server.PostAsync(_http, "SageMaker.ListPipelineExecutions", """{"PipelineName":"nope"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.GetValues("x-amzn-ErrorType").ShouldBe(["ResourceNotFound"]);
    }

    [Fact]
    public async Task ListPipelineExecutions_Summary_HasTheListedMembers()
    {
        await Server.Store.CreateExecutionAsync(Execution("e0", 0) with { Status = ExecutionStatus.Failed, FailureReason = "boom", DisplayName = "shown" }, Ct);

        var summary = (await ListAsync("""{"PipelineName":"listed"}""")).GetProperty("PipelineExecutionSummaries")[0];

        summary.GetProperty("PipelineExecutionStatus").GetString().ShouldBe("Failed");
        summary.GetProperty("PipelineExecutionFailureReason").GetString().ShouldBe("boom");
        summary.GetProperty("PipelineExecutionDisplayName").GetString().ShouldBe("shown");
        summary.GetProperty("StartTime").GetDouble().ShouldBe(T0.ToUnixTimeSeconds());
        summary.TryGetProperty("PipelineExecutionDescription", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task ListPipelineExecutions_EndedExecutionRenamedAfterListed_ListsTheNewName()
    {
        var ended = Execution("e0", 0) with { Status = ExecutionStatus.Succeeded, DisplayName = "old" };
        await Server.Store.CreateExecutionAsync(ended, Ct);
        await ListAsync("""{"PipelineName":"listed"}"""); // its item is kept from here on
        await ListAsync("""{"PipelineName":"listed"}""");

        await PostOkAsync("SageMaker.UpdatePipelineExecution", $$"""{"PipelineExecutionArn":"{{ended.Arn}}","PipelineExecutionDisplayName":"new","PipelineExecutionDescription":"said"}""");
        var summary = (await ListAsync("""{"PipelineName":"listed"}""")).GetProperty("PipelineExecutionSummaries")[0];

        summary.GetProperty("PipelineExecutionDisplayName").GetString().ShouldBe("new");
        summary.GetProperty("PipelineExecutionDescription").GetString().ShouldBe("said");
        summary.GetProperty("PipelineExecutionStatus").GetString().ShouldBe("Succeeded");
    }

    [Fact]
    public async Task DescribePipeline_SomeExecutions_LastRunTimeIsTheNewest()
    {
        await StoreExecutionsAsync(("e0", 0), ("e5", 5), ("e2", 2));

        var described = await PostOkAsync("SageMaker.DescribePipeline", """{"PipelineName":"listed"}""");

        described.GetProperty("LastRunTime").GetDouble().ShouldBe(T0.AddSeconds(5).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task ListPipelineVersions_ExecutionsOfVersionOne_NamesTheNewestAsLast()
    {
        var arns = await StoreExecutionsAsync(("e0", 0), ("e1", 1));

        var versions = await PostOkAsync("SageMaker.ListPipelineVersions", """{"PipelineName":"listed"}""");

        versions.GetProperty("PipelineVersionSummaries")[0].GetProperty("LastExecutionPipelineExecutionArn").GetString().ShouldBe(arns[1]);
    }

    [Fact]
    public async Task DeletePipeline_AnExecutionStillRunning_AnswersConflict()
    {
        await StoreExecutionsAsync(("e0", 0));

        using var response = await Server.PostAsync(_http, "SageMaker.DeletePipeline", $$"""{"PipelineName":"listed","ClientRequestToken":"{{Requests.Token}}"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.GetValues("x-amzn-ErrorType").ShouldBe(["ConflictException"]);
    }

    private static string Id(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

    private static ExecutionRecord Execution(string id, int second)
    {
        var pipelineArn = $"arn:aws:sagemaker:us-east-1:000000000000:pipeline/{Pipeline}";
        var time = T0.AddSeconds(second);
        return new ExecutionRecord(
            $"{pipelineArn}/execution/{id}", id, Pipeline, pipelineArn, 1, ExecutionStatus.Executing, null, null, null, [], null, null, time, time);
    }

    private async Task<List<string>> StoreExecutionsAsync(params (string Id, int Second)[] executions)
    {
        var arns = new List<string>();
        foreach (var (id, second) in executions)
        {
            var execution = Execution(id, second);
            await Server.Store.CreateExecutionAsync(execution, Ct);
            arns.Add(execution.Arn);
        }

        return arns;
    }

    /// <summary>Every page of a list, following NextToken; each page's ARNs.</summary>
    private async Task<List<List<string>>> ListAllAsync(string body)
    {
        var pages = new List<List<string>>();
        using var first = JsonDocument.Parse(body);
        string? token = null;
        do
        {
            var request = first.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value.Clone());
            if (token is not null)
            {
                request["NextToken"] = token;
            }

            var page = await ListAsync(JsonSerializer.Serialize(request));
            pages.Add([.. page.GetProperty("PipelineExecutionSummaries").EnumerateArray().Select(s => s.GetProperty("PipelineExecutionArn").GetString()!)]);
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
            pages.Count.ShouldBeLessThan(50);
        }
        while (token is not null);
        return pages;
    }

    private Task<JsonElement> ListAsync(string body) => PostOkAsync("SageMaker.ListPipelineExecutions", body);

    private async Task<JsonElement> PostOkAsync(string target, string body)
    {
        using var response = await Server.PostAsync(_http, target, body);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
