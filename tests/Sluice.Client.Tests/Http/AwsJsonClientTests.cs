using System.Net;
using System.Text;
using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Client.Signing;
using Sluice.Client.Tests.Support;

namespace Sluice.Client.Tests.Http;

public sealed class AwsJsonClientTests : IDisposable
{
    private static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "secret");
    private readonly RecordingHandler _handler = new();
    private readonly List<int> _delays = [];

    public void Dispose() => _handler.Dispose();

    [Fact]
    public async Task SendAsync_SageMaker_PostsSignedJson11WithTarget()
    {
        _handler.Ok("""{"PipelineSummaries":[]}""");
        using var client = Client(AwsJsonService.SageMaker);

        var response = await client.SendAsync("ListPipelines", """{"MaxResults":10}"""u8.ToArray(), TestContext.Current.CancellationToken);

        var request = _handler.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Uri.ShouldBe(new Uri("http://localhost:8080/"));
        request.Header("X-Amz-Target").ShouldBe("SageMaker.ListPipelines");
        request.Header("Content-Type").ShouldBe("application/x-amz-json-1.1");
        request.BodyText.ShouldBe("""{"MaxResults":10}""");
        SigV4Authorization.TryParse(request.Header("Authorization"), out var authorization).ShouldBeTrue();
        authorization.SignedHeaders.ShouldBe(["content-type", "host", "x-amz-date", "x-amz-target"]);
        authorization.Service.ShouldBe("sagemaker");
        SigV4Signer.Verify(request.ToSigning(), authorization, "secret").ShouldBeTrue();
        response.RequestId.ShouldBe("req-1");
        Encoding.UTF8.GetString(response.Body.Span).ShouldBe("""{"PipelineSummaries":[]}""");
    }

    [Fact]
    public async Task SendAsync_Sqs_PostsJson10WithQueryModeSigned()
    {
        _handler.Ok("{}");
        using var client = Client(AwsJsonService.Sqs);

        await client.SendAsync("PurgeQueue", """{"QueueUrl":"q"}"""u8.ToArray(), TestContext.Current.CancellationToken);

        var request = _handler.Requests.ShouldHaveSingleItem();
        request.Header("X-Amz-Target").ShouldBe("AmazonSQS.PurgeQueue");
        request.Header("Content-Type").ShouldBe("application/x-amz-json-1.0");
        request.Header("x-amzn-query-mode").ShouldBe("true");
        SigV4Authorization.TryParse(request.Header("Authorization"), out var authorization).ShouldBeTrue();
        authorization.Service.ShouldBe("sqs");
        authorization.SignedHeaders.ShouldContain("x-amzn-query-mode");
    }

    [Fact]
    public async Task SendAsync_SessionToken_SendsAndSignsSecurityToken()
    {
        _handler.Ok("{}");
        using var client = Client(AwsJsonService.SageMaker, o => new AwsClientOptions
        {
            Endpoint = o.Endpoint, Region = o.Region, HttpClient = o.HttpClient, Credentials = Credentials with { SessionToken = "tok" },
        });

        await client.SendAsync("ListPipelines", "{}"u8.ToArray(), TestContext.Current.CancellationToken);

        var request = _handler.Requests.ShouldHaveSingleItem();
        request.Header("X-Amz-Security-Token").ShouldBe("tok");
        request.Header("Authorization")!.ShouldContain("x-amz-security-token");
    }

    [Fact]
    public async Task SendAsync_Anonymous_SendsNoAuthorization()
    {
        _handler.Ok("{}");
        using var client = new AwsJsonClient(AwsJsonService.SageMaker, new AwsClientOptions
        {
            Endpoint = new Uri("http://localhost:8080"), Anonymous = true, HttpClient = _handler.Client(), Resolver = EmptyResolver(),
        });

        await client.SendAsync("ListPipelines", "{}"u8.ToArray(), TestContext.Current.CancellationToken);

        client.IsAnonymous.ShouldBeTrue();
        client.Region.ShouldBe("us-east-1");
        _handler.Requests.ShouldHaveSingleItem().Header("Authorization").ShouldBeNull();
    }

    [Fact]
    public async Task SendAsync_EmptySuccessBody_ReadsAsEmptyObject()
    {
        _handler.Respond(HttpStatusCode.OK, string.Empty);
        using var client = Client(AwsJsonService.Sqs);

        var response = await client.SendAsync("DeleteQueue", "{}"u8.ToArray(), TestContext.Current.CancellationToken);

        Encoding.UTF8.GetString(response.Body.Span).ShouldBe("{}");
    }

    [Theory]
    [InlineData("""{"__type":"ResourceNotFound","Message":"Pipeline 'p' does not exist."}""", "ResourceNotFound", "Pipeline 'p' does not exist.")]
    [InlineData("""{"__type":"com.amazonaws.sagemaker#ResourceNotFound","message":"lower"}""", "ResourceNotFound", "lower")]
    [InlineData("""{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}""", "QueueDoesNotExist", "The specified queue does not exist.")]
    [InlineData("""{"__type":"ValidationException:http://internal.amazon.com/coral/","Message":"bad"}""", "ValidationException", "bad")]
    public async Task SendAsync_ErrorBody_MapsCodeAndMessage(string body, string code, string message)
    {
        _handler.Respond(HttpStatusCode.BadRequest, body, ("x-amzn-RequestId", "rid-7"));
        using var client = Client(AwsJsonService.SageMaker);

        var error = await Should.ThrowAsync<AwsServiceException>(() => client.SendAsync("DescribePipeline", "{}"u8.ToArray(), TestContext.Current.CancellationToken));

        error.ErrorCode.ShouldBe(code);
        error.Message.ShouldBe(message);
        error.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.RequestId.ShouldBe("rid-7");
        _handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_ErrorOnlyInHeader_TakesTheCodeFromXAmznErrorType()
    {
        _handler.Respond(HttpStatusCode.BadRequest, """{"Message":"nope"}""", ("x-amzn-ErrorType", "ConflictException:http://internal.amazon.com/coral/com.amazon.sagemaker/"));
        using var client = Client(AwsJsonService.SageMaker);

        var error = await Should.ThrowAsync<AwsServiceException>(() => client.SendAsync("DeletePipeline", "{}"u8.ToArray(), TestContext.Current.CancellationToken));

        error.ErrorCode.ShouldBe("ConflictException");
        error.Message.ShouldBe("nope");
    }

    [Fact]
    public async Task SendAsync_QueryErrorHeader_IsKeptBesideTheJsonCode()
    {
        _handler.Respond(
            HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"gone"}""",
            ("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender"));
        using var client = Client(AwsJsonService.Sqs);

        var error = await Should.ThrowAsync<AwsServiceException>(() => client.SendAsync("GetQueueUrl", "{}"u8.ToArray(), TestContext.Current.CancellationToken));

        error.ErrorCode.ShouldBe("QueueDoesNotExist");
        error.QueryErrorCode.ShouldBe("AWS.SimpleQueueService.NonExistentQueue");
    }

    [Fact]
    public async Task SendAsync_NonJsonErrorBody_UsesStatusAndQuotesTheBody()
    {
        _handler.Respond(HttpStatusCode.Forbidden, "<html>denied</html>");
        using var client = Client(AwsJsonService.SageMaker);

        var error = await Should.ThrowAsync<AwsServiceException>(() => client.SendAsync("ListPipelines", "{}"u8.ToArray(), TestContext.Current.CancellationToken));

        error.ErrorCode.ShouldBe("403");
        error.Message.ShouldContain("<html>denied</html>");
    }

    [Fact]
    public async Task SendAsync_ServerErrorThenSuccess_RetriesWithBackoff()
    {
        _handler.Respond(HttpStatusCode.InternalServerError, """{"__type":"InternalFailure","Message":"boom"}""")
            .Respond(HttpStatusCode.ServiceUnavailable, """{"__type":"ServiceUnavailable","Message":"busy"}""")
            .Ok("""{"ok":true}""");
        using var client = Client(AwsJsonService.SageMaker, o => WithAttempts(o, 3));

        var response = await client.SendAsync("ListPipelines", "{}"u8.ToArray(), TestContext.Current.CancellationToken);

        Encoding.UTF8.GetString(response.Body.Span).ShouldBe("""{"ok":true}""");
        _handler.Requests.Count.ShouldBe(3);
        _delays.ShouldBe([1, 2]);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"__type":"ThrottlingException","Message":"Rate exceeded"}""")]
    [InlineData(HttpStatusCode.BadRequest, """{"__type":"RequestTimeout","Message":"slow"}""")]
    [InlineData(HttpStatusCode.TooManyRequests, "")]
    [InlineData(HttpStatusCode.GatewayTimeout, "<html>gateway</html>")]
    public async Task SendAsync_ThrottledOrTransient_IsRetried(HttpStatusCode status, string body)
    {
        _handler.Respond(status, body).Ok("{}");
        using var client = Client(AwsJsonService.SageMaker);

        await client.SendAsync("ListPipelines", "{}"u8.ToArray(), TestContext.Current.CancellationToken);

        _handler.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task SendAsync_PersistentServerError_ThrowsAfterMaxAttempts()
    {
        _handler.Respond(HttpStatusCode.InternalServerError, """{"__type":"InternalFailure","Message":"boom"}""");
        using var client = Client(AwsJsonService.SageMaker, o => WithAttempts(o, 4));

        var error = await Should.ThrowAsync<AwsServiceException>(() => client.SendAsync("ListPipelines", "{}"u8.ToArray(), TestContext.Current.CancellationToken));

        error.ErrorCode.ShouldBe("InternalFailure");
        error.IsRetryable.ShouldBeTrue();
        _handler.Requests.Count.ShouldBe(4);
        _delays.ShouldBe([1, 2, 3]);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "ValidationException")]
    [InlineData(HttpStatusCode.BadRequest, "ResourceNotFound")]
    [InlineData(HttpStatusCode.Forbidden, "AccessDeniedException")]
    [InlineData(HttpStatusCode.NotFound, "UnknownOperationException")]
    public async Task SendAsync_ClientError_IsNotRetried(HttpStatusCode status, string code)
    {
        _handler.Respond(status, $$"""{"__type":"{{code}}","Message":"no"}""");
        using var client = Client(AwsJsonService.SageMaker);

        var error = await Should.ThrowAsync<AwsServiceException>(() => client.SendAsync("CreatePipeline", "{}"u8.ToArray(), TestContext.Current.CancellationToken));

        error.ErrorCode.ShouldBe(code);
        _handler.Requests.Count.ShouldBe(1);
        _delays.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_ConnectionRefusedThenSuccess_Retries()
    {
        _handler.Throw(new HttpRequestException("Connection refused")).Ok("{}");
        using var client = Client(AwsJsonService.SageMaker);

        await client.SendAsync("ListPipelines", "{}"u8.ToArray(), TestContext.Current.CancellationToken);

        _handler.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task SendAsync_ConnectionAlwaysRefused_ThrowsTheNetworkError()
    {
        _handler.Throw(new HttpRequestException("Connection refused"));
        using var client = Client(AwsJsonService.SageMaker);

        var error = await Should.ThrowAsync<HttpRequestException>(() => client.SendAsync("ListPipelines", "{}"u8.ToArray(), TestContext.Current.CancellationToken));

        error.Message.ShouldBe("Connection refused");
        _handler.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task SendAsync_EachAttempt_IsSignedAfresh()
    {
        var clock = new SteppingClock(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero));
        _handler.Respond(HttpStatusCode.ServiceUnavailable, "{}").Ok("{}");
        using var client = Client(AwsJsonService.SageMaker, o => new AwsClientOptions
        {
            Endpoint = o.Endpoint, Region = o.Region, Credentials = o.Credentials, HttpClient = o.HttpClient, RetryDelay = o.RetryDelay, TimeProvider = clock,
        });

        await client.SendAsync("ListPipelines", "{}"u8.ToArray(), TestContext.Current.CancellationToken);

        _handler.Requests.Select(r => r.Header("X-Amz-Date")).ShouldBe(["20240506T070809Z", "20240506T070810Z"]);
    }

    [Fact]
    public async Task SendAsync_Cancelled_StopsWithoutSending()
    {
        _handler.Ok("{}");
        using var client = Client(AwsJsonService.SageMaker);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => client.SendAsync("ListPipelines", "{}"u8.ToArray(), cancelled.Token));

        _handler.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_CancelledDuringBackoff_StopsRetrying()
    {
        _handler.Respond(HttpStatusCode.InternalServerError, "{}");
        using var cancel = new CancellationTokenSource();
        using var client = Client(AwsJsonService.SageMaker, o => new AwsClientOptions
        {
            Endpoint = o.Endpoint, Region = o.Region, Credentials = o.Credentials, HttpClient = o.HttpClient,
            RetryDelay = _ =>
            {
                cancel.Cancel();
                return TimeSpan.FromHours(1);
            },
        });

        await Should.ThrowAsync<OperationCanceledException>(() => client.SendAsync("ListPipelines", "{}"u8.ToArray(), cancel.Token));

        _handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public void Constructor_NoEndpoint_UsesTheRegionalAwsEndpoint()
    {
        using var sageMaker = new AwsJsonClient(AwsJsonService.SageMaker, new AwsClientOptions { Region = "eu-west-1", Credentials = Credentials });
        using var sqs = new AwsJsonClient(AwsJsonService.Sqs, new AwsClientOptions { Region = "cn-north-1", Credentials = Credentials });

        sageMaker.Endpoint.ShouldBe(new Uri("https://api.sagemaker.eu-west-1.amazonaws.com/"));
        sqs.Endpoint.ShouldBe(new Uri("https://sqs.cn-north-1.amazonaws.com.cn/"));
    }

    [Fact]
    public void Constructor_HttpClientWithBaseAddress_UsesItAsEndpoint()
    {
        using var http = new HttpClient(_handler) { BaseAddress = new Uri("http://localhost:5000/") };

        using var client = new AwsJsonClient(AwsJsonService.SageMaker, new AwsClientOptions { HttpClient = http, Credentials = Credentials, Resolver = EmptyResolver() });

        client.Endpoint.ShouldBe(new Uri("http://localhost:5000/"));
        client.Region.ShouldBe("us-east-1");
    }

    [Fact]
    public void Constructor_NoRegionAndNoEndpoint_FailsNamingTheRegion()
    {
        var error = Should.Throw<AwsConfigurationException>(() => new AwsJsonClient(AwsJsonService.SageMaker, new AwsClientOptions { Credentials = Credentials, Resolver = EmptyResolver() }));

        error.Message.ShouldContain("No AWS region found");
    }

    [Fact]
    public void Constructor_NoCredentials_FailsNamingWhereItLooked()
    {
        var error = Should.Throw<AwsConfigurationException>(() => new AwsJsonClient(AwsJsonService.SageMaker, new AwsClientOptions { Region = "us-east-1", Resolver = EmptyResolver() }));

        error.Message.ShouldContain("No AWS credentials found for profile 'default'");
    }

    [Fact]
    public void Constructor_CredentialsFromResolver_AreUsed()
    {
        var resolver = new AwsCredentialsResolver(
            new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "ENV", ["AWS_SECRET_ACCESS_KEY"] = "s", ["AWS_REGION"] = "ap-south-1" },
            homeDirectory: null);

        using var client = new AwsJsonClient(AwsJsonService.SageMaker, new AwsClientOptions { Resolver = resolver });

        client.Region.ShouldBe("ap-south-1");
        client.IsAnonymous.ShouldBeFalse();
    }

    [Fact]
    public void DefaultDelay_Retries_StayBelowTheExponentialCeiling()
    {
        for (var retry = 1; retry <= 12; retry++)
        {
            var ceiling = Math.Min(20_000, 250 * Math.Pow(2, retry - 1));
            AwsRetryPolicy.DefaultDelay(retry).TotalMilliseconds.ShouldBeInRange(0, ceiling);
        }
    }

    private static AwsCredentialsResolver EmptyResolver() => new(new Dictionary<string, string>(), homeDirectory: null);

    private static AwsClientOptions WithAttempts(AwsClientOptions options, int attempts) => new()
    {
        Endpoint = options.Endpoint, Region = options.Region, Credentials = options.Credentials, HttpClient = options.HttpClient,
        RetryDelay = options.RetryDelay, MaxAttempts = attempts,
    };

    private AwsJsonClient Client(AwsJsonService service, Func<AwsClientOptions, AwsClientOptions>? adjust = null)
    {
        var options = new AwsClientOptions
        {
            Endpoint = new Uri("http://localhost:8080"),
            Region = "us-east-1",
            Credentials = Credentials,
            HttpClient = _handler.Client(),
            RetryDelay = retry =>
            {
                _delays.Add(retry);
                return TimeSpan.Zero;
            },
        };
        return new AwsJsonClient(service, adjust is null ? options : adjust(options));
    }

    /// <summary>A clock that moves one second each time it is read.</summary>
    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow()
        {
            var now = _now;
            _now = _now.AddSeconds(1);
            return now;
        }
    }
}
