using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Sluice.Server.Api.Validation;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.Hosting;

/// <summary>
/// Requests that once got HTTP 500 (issue 12): text that is not Unicode, page tokens past an <see cref="int"/>, broken
/// chunked framing, and timestamps past any date. Each now gets a 400 in SageMaker's or SQS's words.
/// </summary>
public sealed class HostileRequestTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private ServerHarness? _server;

    private ServerHarness Server => _server!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every operation the server validates, SageMaker's and SQS's.</summary>
    public static TheoryData<string> Targets => [.. RequestValidator.Shapes.Targets.Order(StringComparer.Ordinal)];

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
    public async Task Post_LoneSurrogateEscapeInAMember_AnswersValidationExceptionNamingIt()
    {
        var (status, type, message) = await PostAsync("SageMaker.DescribePipeline", """{"PipelineName":"\ud800"}"""u8.ToArray());

        status.ShouldBe(400);
        type.ShouldBe("ValidationException");
        message.ShouldBe("1 validation error detected: Value at 'pipelineName' failed to satisfy constraint: " + TextWalk.Constraint);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Post_LoneSurrogateInAnyOperation_AnswersValidationException(string target)
    {
        var (status, type, message) = await PostAsync(target, """{"Unmodeled":{"list":["ok","\udc00x"]}}"""u8.ToArray());

        status.ShouldBe(400);
        type.ShouldBe(Qualified(target, "ValidationException"));
        message.ShouldContain("'Unmodeled.list.2.member'");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Post_InvalidUtf8BytesInAnyOperation_AnswersValidationException(string target)
    {
        byte[] body = [.. """{"Name":"a"""u8, 0xC3, 0x28, .. "\"}"u8];

        var (status, type, message) = await PostAsync(target, body);

        status.ShouldBe(400);
        type.ShouldBe(Qualified(target, "ValidationException"));
        message.ShouldContain(TextWalk.Constraint);
    }

    [Fact]
    public async Task Post_MemberNameThatIsNotText_AnswersValidationExceptionShowingTheNameAsSent()
    {
        var (status, type, message) = await PostAsync("SageMaker.ListPipelines", """{"\ude00":1,"MaxResults":5}"""u8.ToArray());

        status.ShouldBe(400);
        type.ShouldBe("ValidationException");
        message.ShouldContain("""Value at '\ude00' failed to satisfy constraint""");
    }

    [Fact]
    public async Task Post_SqsMessageBodyWithLoneSurrogate_AnswersQualifiedValidationException()
    {
        var body = """{"QueueUrl":"http://127.0.0.1/000000000000/q","MessageBody":"ok \ud83d then not"}"""u8.ToArray();

        var (status, type, message) = await PostAsync("AmazonSQS.SendMessage", body);

        status.ShouldBe(400);
        type.ShouldBe("com.amazonaws.sqs#ValidationException");
        message.ShouldContain("'messageBody'");
    }

    [Fact]
    public async Task Post_SurrogatePairEscaped_IsText()
    {
        var (status, _, message) = await PostAsync("SageMaker.DescribePipeline", """{"PipelineName":"\ud83d\ude00"}"""u8.ToArray());

        status.ShouldBe(400);
        message.ShouldNotContain(TextWalk.Constraint); // refused by the name's pattern, not as text
    }

    [Theory]
    [InlineData("SageMaker.ListPipelines", "{}")]
    [InlineData("SageMaker.ListModelPackages", "{}")]
    [InlineData("SageMaker.ListModelPackageGroups", "{}")]
    [InlineData("SageMaker.ListPipelineVersions", """{"PipelineName":"paged"}""")]
    [InlineData("SageMaker.ListPipelineExecutionSteps", """{"PipelineExecutionArn":"EXECUTION"}""")]
    [InlineData("SageMaker.ListPipelineParametersForExecution", """{"PipelineExecutionArn":"EXECUTION"}""")]
    public async Task List_NextTokenPastAnInt_AnswersInvalidNextToken(string target, string body)
    {
        var execution = await StartExecutionAsync("paged");
        using var document = JsonDocument.Parse(body.Replace("EXECUTION", execution, StringComparison.Ordinal));
        var request = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value.GetString()!);
        request["NextToken"] = Convert.ToBase64String("99999999999"u8);

        var (status, type, message) = await PostAsync(target, JsonSerializer.SerializeToUtf8Bytes(request));

        status.ShouldBe(400);
        type.ShouldBe("ValidationException");
        message.ShouldBe("Invalid NextToken.");
    }

    [Theory]
    [InlineData("ZZ\r\n{}\r\n0\r\n\r\n")] // a size that is not hex
    [InlineData("2\r\n{}XX0\r\n\r\n")] // no CRLF after the data
    [InlineData("ffffffffffffffffff\r\n{}\r\n")] // a size past any number
    public async Task Post_BrokenChunkedFraming_Answers400(string chunks)
    {
        byte[] request = [.. RawHttp.Head(Server.Address, "SageMaker.ListPipelines", "Transfer-Encoding: chunked"), .. Encoding.ASCII.GetBytes(chunks)];

        var (status, body) = await RawHttp.SendAsync(Server.Address, request, halfClose: false, Ct);

        status.ShouldBe(400, body);
        var (type, message) = ErrorBody.Read(body);
        type.ShouldBe("SerializationException");
        message.ShouldStartWith("The request body could not be read");
    }

    [Theory]
    [InlineData("Content-Length: 100", "{}")]
    [InlineData("Transfer-Encoding: chunked", "5\r\n{}")]
    public async Task Post_BodyEndingBeforeItsFramingSays_IsNoServerError(string framing, string content)
    {
        byte[] request = [.. RawHttp.Head(Server.Address, "SageMaker.ListPipelines", framing), .. Encoding.ASCII.GetBytes(content)];

        var (status, body) = await RawHttp.SendAsync(Server.Address, request, halfClose: true, Ct);

        // The client has gone, so there may be no one to answer; if there is an answer, it is the client's fault.
        status.ShouldBeOneOf([-1, 400], body);
    }

    [Theory]
    [InlineData("1e20")]
    [InlineData("-1e20")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("\"9999-12-31T23:59:59-14:00\"")]
    public async Task ListPipelineExecutions_CreatedAfterPastAnyDate_IsNoServerError(string value)
    {
        await StartExecutionAsync("timed");
        var body = Encoding.UTF8.GetBytes($$"""{"PipelineName":"timed","CreatedAfter":{{value}},"CreatedBefore":{{value}}}""");

        var (status, _, _) = await PostAsync("SageMaker.ListPipelineExecutions", body);

        status.ShouldBeLessThan(500);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e20")]
    public async Task ListModelPackages_CreationTimePastAnyDate_Answers200(string value)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"CreationTimeAfter":{{value}},"CreationTimeBefore":{{value}}}""");

        var (status, _, _) = await PostAsync("SageMaker.ListModelPackages", body);

        status.ShouldBe(200);
    }

    [Theory]
    [InlineData("""{"Version":"2020-12-01","Steps":[{"Name":"\ud800","Type":"Fail","Arguments":{"ErrorMessage":"x"}}]}""")]
    [InlineData("""{"Version":"2020-12-01","Metadata":{"\udc00":1},"Steps":[]}""")]
    [InlineData("""{"Version":"2020-12-01","Parameters":[{"Name":"P","Type":"Integer","DefaultValue":1e400}],"Steps":[]}""")]
    [InlineData("""{"Version":"2020-12-01","Parameters":[{"Name":"P","Type":"Integer","DefaultValue":99999999999999999999999}],"Steps":[]}""")]
    [InlineData("""{"Version":"2020-12-01","Parameters":[{"Name":"P","Type":"Float","DefaultValue":-1e400}],"Steps":[]}""")]
    [InlineData("""{"Version":"2020-12-01","Steps":{"Name":"x"}}""")]
    [InlineData("""{"Version":"2020-12-01","Steps":[null,1,"x",[]]}""")]
    [InlineData("""{"Version":"2020-12-01","Steps":[{"Name":"C","Type":"Condition","Arguments":{"Conditions":[{"Type":"Equals","LeftValue":1e400,"RightValue":1e400}],"IfSteps":[],"ElseSteps":[]}}]}""")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    [InlineData("{")]
    public async Task CreatePipeline_HostileDefinition_IsNoServerError(string definition)
    {
        var body = Requests.CreatePipeline(("PipelineName", "hostile"), ("PipelineDefinition", definition), ("ClientRequestToken", Guid.NewGuid().ToString()));

        var (status, type, message) = await PostAsync("SageMaker.CreatePipeline", Encoding.UTF8.GetBytes(body));

        status.ShouldBeLessThan(500, message);
        if (status != 200)
        {
            type.ShouldBe("ValidationException", message);
        }
    }

    [Fact]
    public async Task CreatePipeline_DefinitionNestedPastAnyDepth_IsNoServerError()
    {
        var definition = """{"Version":"2020-12-01","Metadata":""" + new string('[', 100_000) + new string(']', 100_000) + ""","Steps":[]}""";
        var body = Requests.CreatePipeline(("PipelineName", "deep"), ("PipelineDefinition", definition), ("ClientRequestToken", Guid.NewGuid().ToString()));

        var (status, type, _) = await PostAsync("SageMaker.CreatePipeline", Encoding.UTF8.GetBytes(body));

        status.ShouldBe(400);
        type.ShouldBe("ValidationException");
    }

    [Theory]
    [InlineData("99999999999999999999")]
    [InlineData("1e400")]
    [InlineData("-9223372036854775809")]
    [InlineData("NaN")]
    [InlineData("\ud800")]
    public async Task StartPipelineExecution_IntegerParameterPastAnyNumber_IsNoServerError(string value)
    {
        using var created = await Server.PostAsync(_http, "SageMaker.CreatePipeline", Requests.CreatePipeline(("PipelineName", "typed"), ("PipelineDefinition", TestPipelines.CallbackThenCondition), ("ClientRequestToken", Guid.NewGuid().ToString())));
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = """{"PipelineName":"typed","ClientRequestToken":"TOKEN","PipelineParameters":[{"Name":"Threshold","Value":"VALUE"}]}"""
            .Replace("TOKEN", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("VALUE", value, StringComparison.Ordinal);

        var (status, _, message) = await PostAsync("SageMaker.StartPipelineExecution", Encoding.UTF8.GetBytes(body));

        status.ShouldBeLessThan(500, message);
    }

    private static string Qualified(string target, string code) =>
        target.StartsWith("AmazonSQS.", StringComparison.Ordinal) ? "com.amazonaws.sqs#" + code : code;

    private async Task<string> StartExecutionAsync(string pipeline)
    {
        using var created = await Server.PostAsync(_http, "SageMaker.CreatePipeline", Requests.CreatePipeline(("PipelineName", pipeline), ("PipelineDefinition", TestPipelines.Instant), ("ClientRequestToken", Guid.NewGuid().ToString())));
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var started = await Server.PostAsync(_http, "SageMaker.StartPipelineExecution", $$"""{"PipelineName":"{{pipeline}}","ClientRequestToken":"{{Guid.NewGuid()}}"}""");
        var text = await started.Content.ReadAsStringAsync(Ct);
        started.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("PipelineExecutionArn").GetString()!;
    }

    /// <summary>Posts raw bytes; an answer of 2xx has an empty type and message.</summary>
    private async Task<(int Status, string Type, string Message)> PostAsync(string target, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        content.Headers.Add("X-Amz-Target", target);
        using var response = await _http.PostAsync(Server.Address, content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        if (response.IsSuccessStatusCode)
        {
            return ((int)response.StatusCode, string.Empty, string.Empty);
        }

        var (type, message) = ErrorBody.Read(text);
        return ((int)response.StatusCode, type, message);
    }
}
