using System.Net;
using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Client.Sqs;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.Hosting;

/// <summary>SigV4: any signature or none by default; with credentials configured, only valid signatures made with them.</summary>
public sealed class SignatureTests
{
    private static readonly Dictionary<string, string> Configured = new() { [ServerHarness.TestCredentials.AccessKeyId] = ServerHarness.TestCredentials.SecretAccessKey };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Request_NoCredentialsConfigured_AcceptsAnySignatureAndNone()
    {
        await using var server = await ServerHarness.StartAsync();

        var signed = await server.SageMaker(new AwsCredentials("SOMEONE", "anything")).ListPipelinesAsync(new ListPipelinesRequest(), Ct);
        var unsigned = await server.SageMaker(anonymous: true).ListPipelinesAsync(new ListPipelinesRequest(), Ct);

        signed.PipelineSummaries.ShouldBeEmpty();
        unsigned.PipelineSummaries.ShouldBeEmpty();
    }

    [Fact]
    public async Task Request_SignedWithConfiguredCredentials_IsAnsweredInAnyRegion()
    {
        await using var server = await ServerHarness.StartAsync(credentials: Configured);

        var answer = await server.SageMaker().ListPipelinesAsync(new ListPipelinesRequest(), Ct);

        answer.PipelineSummaries.ShouldBeEmpty();
    }

    [Fact]
    public async Task Request_WrongSecret_IsInvalidSignatureException()
    {
        await using var server = await ServerHarness.StartAsync(credentials: Configured);

        var error = await Should.ThrowAsync<AwsServiceException>(() => server.SageMaker(new AwsCredentials(ServerHarness.TestCredentials.AccessKeyId, "wrong")).ListPipelinesAsync(new ListPipelinesRequest(), Ct));

        (error.ErrorCode, error.StatusCode).ShouldBe(("InvalidSignatureException", HttpStatusCode.Forbidden));
        error.Message.ShouldContain("does not match");
    }

    [Fact]
    public async Task Request_UnknownAccessKey_IsUnrecognizedClientException()
    {
        await using var server = await ServerHarness.StartAsync(credentials: Configured);

        var error = await Should.ThrowAsync<AwsServiceException>(() => server.SageMaker(new AwsCredentials("AKIDOTHER", "test-secret")).ListPipelinesAsync(new ListPipelinesRequest(), Ct));

        (error.ErrorCode, error.StatusCode).ShouldBe(("UnrecognizedClientException", HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task Request_Unsigned_IsMissingAuthenticationToken()
    {
        await using var server = await ServerHarness.StartAsync(credentials: Configured);

        var error = await Should.ThrowAsync<AwsServiceException>(() => server.SageMaker(anonymous: true).ListPipelinesAsync(new ListPipelinesRequest(), Ct));

        (error.ErrorCode, error.StatusCode).ShouldBe(("MissingAuthenticationTokenException", HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task Request_SignedAnHourAgo_IsExpired()
    {
        await using var server = await ServerHarness.StartAsync(credentials: Configured);

        var error = await Should.ThrowAsync<AwsServiceException>(() => server.SageMaker(time: new ShiftedTime(TimeSpan.FromHours(-1))).ListPipelinesAsync(new ListPipelinesRequest(), Ct));

        error.ErrorCode.ShouldBe("InvalidSignatureException");
        error.Message.ShouldStartWith("Signature expired");
    }

    [Fact]
    public async Task SqsRequest_WrongSecret_IsSignatureDoesNotMatch()
    {
        await using var server = await ServerHarness.StartAsync(credentials: Configured);

        var good = await server.Sqs().ListQueuesAsync(new ListQueuesRequest(), Ct);
        var error = await Should.ThrowAsync<AwsServiceException>(() => server.Sqs(new AwsCredentials(ServerHarness.TestCredentials.AccessKeyId, "wrong")).ListQueuesAsync(new ListQueuesRequest(), Ct));

        (good.QueueUrls ?? []).ShouldBeEmpty();
        error.ErrorCode.ShouldBe("SignatureDoesNotMatch");
    }

    /// <summary>The system clock, shifted.</summary>
    private sealed class ShiftedTime(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
