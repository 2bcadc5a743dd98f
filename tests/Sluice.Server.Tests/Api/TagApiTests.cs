using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.Api;

/// <summary>AddTags, ListTags and DeleteTags, and the Tags of CreatePipeline, as the SDK's upsert(tags=...) uses them.</summary>
public sealed class TagApiTests
{
    private const string Arn = "arn:aws:sagemaker:us-east-1:000000000000:pipeline/tagged";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreatePipeline_WithTags_ThenAddAndDelete_ListTagsShowsEachChange()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        var create = new JsonObject
        {
            ["PipelineName"] = "tagged",
            ["PipelineDefinition"] = TestPipelines.Instant,
            ["RoleArn"] = TestPipelines.Role,
            ["ClientRequestToken"] = Guid.NewGuid().ToString(),
            ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = "a" }),
        };
        (await server.PostAsync(http, "SageMaker.CreatePipeline", create.ToJsonString())).StatusCode.ShouldBe(HttpStatusCode.OK);

        var first = await TagsAsync(server, http);
        var added = await server.PostAsync(http, "SageMaker.AddTags", $$"""{"ResourceArn": "{{Arn}}", "Tags": [{"Key": "team", "Value": "b"}, {"Key": "env", "Value": "dev"}]}""");
        var second = await TagsAsync(server, http);
        await server.PostAsync(http, "SageMaker.DeleteTags", $$"""{"ResourceArn": "{{Arn}}", "TagKeys": ["team", "unknown"]}""");
        var third = await TagsAsync(server, http);

        first.ShouldBe(["team=a"]);
        added.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.ShouldBe(["env=dev", "team=b"]);
        third.ShouldBe(["env=dev"]);
    }

    [Fact]
    public async Task DeletePipeline_Tagged_PipelineMadeAgainStartsUntagged()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        string Create(string token) => new JsonObject
        {
            ["PipelineName"] = "tagged", ["PipelineDefinition"] = TestPipelines.Instant, ["RoleArn"] = TestPipelines.Role, ["ClientRequestToken"] = token,
            ["Tags"] = token.StartsWith('1') ? new JsonArray(new JsonObject { ["Key"] = "old", ["Value"] = "x" }) : new JsonArray(),
        }.ToJsonString();
        await server.PostAsync(http, "SageMaker.CreatePipeline", Create("1" + Guid.NewGuid().ToString("N")));

        await server.PostAsync(http, "SageMaker.DeletePipeline", $$"""{"PipelineName": "tagged", "ClientRequestToken": "{{Guid.NewGuid()}}"}""");
        await server.PostAsync(http, "SageMaker.CreatePipeline", Create("2" + Guid.NewGuid().ToString("N")));

        (await TagsAsync(server, http)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListTags_PipelineThatDoesNotExist_IsResourceNotFound()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();

        var answer = await server.PostAsync(http, "SageMaker.ListTags", $$"""{"ResourceArn": "{{Arn}}"}""");

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        answer.Headers.GetValues("x-amzn-ErrorType").ShouldBe(["ResourceNotFound"]);
    }

    [Fact]
    public async Task AddTags_TooManyTagsOrMissingArn_IsValidationException()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        var many = string.Join(',', Enumerable.Range(0, 51).Select(i => $$"""{"Key": "k{{i}}", "Value": "v"}"""));

        var tooMany = await server.PostAsync(http, "SageMaker.AddTags", $$"""{"ResourceArn": "{{Arn}}", "Tags": [{{many}}]}""");
        var noArn = await server.PostAsync(http, "SageMaker.AddTags", """{"Tags": []}""");

        tooMany.Headers.GetValues("x-amzn-ErrorType").ShouldBe(["ValidationException"]);
        noArn.Headers.GetValues("x-amzn-ErrorType").ShouldBe(["ValidationException"]);
    }

    private static async Task<List<string>> TagsAsync(ServerHarness server, HttpClient http)
    {
        var answer = await server.PostAsync(http, "SageMaker.ListTags", $$"""{"ResourceArn": "{{Arn}}"}""");
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));
        return [.. body.RootElement.GetProperty("Tags").EnumerateArray().Select(t => $"{t.GetProperty("Key").GetString()}={t.GetProperty("Value").GetString()}")];
    }
}
