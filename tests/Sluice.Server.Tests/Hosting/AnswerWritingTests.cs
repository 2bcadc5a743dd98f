using System.Net;
using System.Text.Json;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Server.Tests.Support;
using static Sluice.Server.Tests.Support.TestPipelines;

namespace Sluice.Server.Tests.Hosting;

/// <summary>
/// Answers written straight from the wire types (no ClientRequestToken to keep them for): the same JSON as before, sent
/// with its Content-Length rather than chunked; a request with a token still gets the first answer again, and it and
/// every error answer also go out with a Content-Length.
/// </summary>
public sealed class AnswerWritingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DescribeAndList_WithoutToken_AnswerWholeWithContentLength()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "written", Instant);
        var arn = (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "written" }, Ct)).PipelineExecutionArn!;
        await WaitAsync(sm, arn);
        using var http = new HttpClient();

        foreach (var (target, body) in new[]
        {
            ("SageMaker.DescribePipelineExecution", $$"""{"PipelineExecutionArn":"{{arn}}"}"""),
            ("SageMaker.ListPipelineExecutions", """{"PipelineName":"written","MaxResults":100}"""),
        })
        {
            using var response = await server.PostAsync(http, target, body);
            var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.TransferEncodingChunked.ShouldNotBe(true);
            response.Content.Headers.ContentLength.ShouldBe(bytes.Length);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-amz-json-1.1");
            using var json = JsonDocument.Parse(bytes);
            json.RootElement.ToString().ShouldContain(arn);
        }
    }

    [Fact]
    public async Task StartWithTokenAndErrors_AnswerWholeWithContentLength()
    {
        await using var server = await ServerHarness.StartAsync();
        await CreateAsync(server.SageMaker(), "texted", Instant);
        using var http = new HttpClient();

        foreach (var (target, body, status) in new[]
        {
            // A token's answer is kept as text: it goes out through the text path.
            ("SageMaker.StartPipelineExecution", $$"""{"PipelineName":"texted","ClientRequestToken":"{{Guid.NewGuid()}}"}""", HttpStatusCode.OK),
            ("SageMaker.DescribePipelineExecution", """{"PipelineExecutionArn":"arn:aws:sagemaker:us-east-1:000000000000:pipeline/none/execution/none"}""", HttpStatusCode.BadRequest),
            ("SageMaker.NoSuchOperation", "{}", HttpStatusCode.BadRequest),
        })
        {
            using var response = await server.PostAsync(http, target, body);
            var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

            response.StatusCode.ShouldBe(status, System.Text.Encoding.UTF8.GetString(bytes));
            response.Headers.TransferEncodingChunked.ShouldNotBe(true);
            response.Content.Headers.ContentLength.ShouldBe(bytes.Length);
            using var json = JsonDocument.Parse(bytes);
            json.RootElement.ValueKind.ShouldBe(JsonValueKind.Object);
        }
    }

    [Fact]
    public async Task ListPipelineExecutions_PageOfMany_ReadsBackAsTheClientsType()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "paged", Instant);
        for (var i = 0; i < 3; i++)
        {
            await WaitAsync(sm, (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "paged" }, Ct)).PipelineExecutionArn!);
        }

        var first = await sm.ListPipelineExecutionsAsync(new ListPipelineExecutionsRequest { PipelineName = "paged", MaxResults = 2 }, Ct);
        var second = await sm.ListPipelineExecutionsAsync(new ListPipelineExecutionsRequest { PipelineName = "paged", MaxResults = 2, NextToken = first.NextToken }, Ct);

        first.PipelineExecutionSummaries!.Count.ShouldBe(2);
        first.NextToken.ShouldNotBeNull();
        second.PipelineExecutionSummaries!.Count.ShouldBe(1);
        second.NextToken.ShouldBeNull();
        second.PipelineExecutionSummaries[0].PipelineExecutionStatus.ShouldBe("Succeeded");
    }

    [Fact]
    public async Task CreatePipeline_RepeatedWithItsToken_GetsTheFirstAnswerAgain()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        var body = $$"""{"PipelineName":"once","RoleArn":"arn:aws:iam::111122223333:role/R","ClientRequestToken":"{{Guid.NewGuid()}}","PipelineDefinition":{{JsonSerializer.Serialize(Instant)}}}""";

        using var first = await server.PostAsync(http, "SageMaker.CreatePipeline", body);
        using var again = await server.PostAsync(http, "SageMaker.CreatePipeline", body);

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync(Ct));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync(Ct)).ShouldBe(await first.Content.ReadAsStringAsync(Ct));
    }
}
