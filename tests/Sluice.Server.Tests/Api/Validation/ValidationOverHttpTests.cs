using System.Net;
using System.Text.Json;
using Sluice.Server.Tests.Support;
using static Sluice.Server.Tests.Support.Requests;

namespace Sluice.Server.Tests.Api.Validation;

/// <summary>Validation through the real HTTP pipeline of <c>sluice serve</c>.</summary>
public sealed class ValidationOverHttpTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private ServerHarness? _server;

    private ServerHarness Server => _server!;

    public async ValueTask InitializeAsync() => _server = await ServerHarness.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Post_CreatePipelineWithBadName_AnswersValidationException()
    {
        using var response = await Server.PostAsync(_http, "SageMaker.CreatePipeline", CreatePipeline(("PipelineName", "a b"), ("RoleArn", null)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.GetValues("x-amzn-ErrorType").ShouldBe(["ValidationException"]);
        var error = await ErrorAsync(response);
        error.GetProperty("__type").GetString().ShouldBe("ValidationException");
        error.GetProperty("Message").GetString().ShouldBe(
            "2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; "
            + "Value 'a b' at 'pipelineName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}");
    }

    [Fact]
    public async Task Post_WrongJsonType_AnswersSerializationException()
    {
        using var response = await Server.PostAsync(_http, "SageMaker.ListPipelines", """{"MaxResults":"ten"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = await ErrorAsync(response);
        error.GetProperty("__type").GetString().ShouldBe("SerializationException");
        error.GetProperty("Message").GetString().ShouldBe("STRING_VALUE can not be converted to an Integer at 'maxResults'");
    }

    [Fact]
    public async Task Post_SqsRequestMissingAMember_AnswersQualifiedValidationException()
    {
        using var response = await Server.PostAsync(_http, "AmazonSQS.SendMessage", """{"QueueUrl":"http://localhost/000000000000/q"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = await ErrorAsync(response);
        error.GetProperty("__type").GetString().ShouldBe("com.amazonaws.sqs#ValidationException");
        error.GetProperty("Message").GetString().ShouldBe("1 validation error detected: Value null at 'messageBody' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task Post_ValidCreatePipeline_ReachesTheHandler()
    {
        var definition = """{"Version":"2020-12-01","Steps":[{"Name":"Stop","Type":"Fail","Arguments":{"ErrorMessage":"stop"}}]}""";

        using var response = await Server.PostAsync(_http, "SageMaker.CreatePipeline", CreatePipeline(("PipelineDefinition", definition)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        (await ErrorAsync(response)).GetProperty("PipelineArn").GetString().ShouldEndWith(":pipeline/my-pipeline");
    }

    [Fact]
    public async Task Post_UnknownOperation_IsUnknownBeforeValidation()
    {
        using var response = await Server.PostAsync(_http, "SageMaker.DescribeNothing", "[]");

        response.Headers.GetValues("x-amzn-ErrorType").ShouldBe(["UnknownOperationException"]);
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return document.RootElement.Clone();
    }
}
