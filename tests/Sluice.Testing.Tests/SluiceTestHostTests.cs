using System.Net;
using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Client.Sqs;

namespace Sluice.Testing.Tests;

public sealed class SluiceTestHostTests
{
    private const string Definition = """
        {"Version": "2020-12-01", "Parameters": [],
         "Steps": [{"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": "stopped on purpose"}}]}
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_Defaults_ServesOnLoopbackOverATemporaryFolder()
    {
        await using var host = await SluiceTestHost.StartAsync(Token);
        using var http = new HttpClient();

        var health = await http.GetStringAsync(new Uri(host.Address, "health"), Token);

        health.ShouldBe("ok");
        host.Address.Host.ShouldBe("127.0.0.1");
        host.Address.Port.ShouldBeGreaterThan(0);
        Directory.Exists(host.DataDirectory).ShouldBeTrue();
        Path.GetFileName(host.DataDirectory).ShouldStartWith("sluice-test-");
    }

    [Fact]
    public async Task SageMaker_CreateStartAndWait_RunsThePipelineInTheEngine()
    {
        await using var host = await SluiceTestHost.StartAsync(Token);
        using var sageMaker = host.SageMaker();

        await sageMaker.CreatePipelineAsync(new CreatePipelineRequest { PipelineName = "p", PipelineDefinition = Definition, RoleArn = "arn:aws:iam::111122223333:role/R" }, Token);
        var started = await sageMaker.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "p" }, Token);
        var ended = await sageMaker.WaitForPipelineExecutionAsync(started.PipelineExecutionArn!, TimeSpan.FromMilliseconds(20), Token);

        ended.PipelineExecutionStatus.ShouldBe("Failed");
        ended.FailureReason.ShouldNotBeNull().ShouldContain("stopped on purpose");
        (await host.Store.ListStepsAsync(started.PipelineExecutionArn!, Token)).Single().StepName.ShouldBe("Stop");
    }

    [Fact]
    public async Task Sqs_CreateQueue_IsListed()
    {
        await using var host = await SluiceTestHost.StartAsync(Token);
        using var sqs = host.Sqs();

        var created = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "approvals" }, Token);
        var listed = await sqs.ListQueuesAsync(new ListQueuesRequest(), Token);

        listed.QueueUrls.ShouldNotBeNull().ShouldBe([created.QueueUrl.ShouldNotBeNull()]);
    }

    [Fact]
    public async Task StartAsync_RequiredCredentials_ClientsSignWithThemAndUnsignedRequestsAreRefused()
    {
        var options = new SluiceTestHostOptions { Credentials = new Dictionary<string, string> { ["AKIDREQUIRED"] = "required-secret" } };
        await using var host = await SluiceTestHost.StartAsync(options, Token);
        using var signed = host.SageMaker();
        using var unsigned = host.SageMaker(anonymous: true);
        using var wrong = host.SageMaker(new AwsCredentials("AKIDOTHER", "other-secret"));

        (await signed.ListPipelinesAsync(new ListPipelinesRequest(), Token)).PipelineSummaries.ShouldNotBeNull().ShouldBeEmpty();
        (await Should.ThrowAsync<AwsServiceException>(() => unsigned.ListPipelinesAsync(new ListPipelinesRequest(), Token))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Should.ThrowAsync<AwsServiceException>(() => wrong.ListPipelinesAsync(new ListPipelinesRequest(), Token))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task StartAsync_GivenClock_TheEngineAndClientsUseIt()
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var clock = new FixedClock(now);
        await using var host = await SluiceTestHost.StartAsync(new SluiceTestHostOptions { Time = clock }, Token);
        using var sageMaker = host.SageMaker(anonymous: true);

        await sageMaker.CreatePipelineAsync(new CreatePipelineRequest { PipelineName = "p", PipelineDefinition = Definition, RoleArn = "arn:aws:iam::111122223333:role/R" }, Token);
        var described = await sageMaker.DescribePipelineAsync(new DescribePipelineRequest { PipelineName = "p" }, Token);

        host.Engine.Time.ShouldBeSameAs(clock);
        host.ClientOptions().TimeProvider.ShouldBeSameAs(clock);
        described.CreationTime.ShouldBe(now);
    }

    [Fact]
    public async Task DisposeAsync_TemporaryFolder_IsRemoved()
    {
        var host = await SluiceTestHost.StartAsync(Token);
        using (var sageMaker = host.SageMaker())
        {
            await sageMaker.CreatePipelineAsync(new CreatePipelineRequest { PipelineName = "p", PipelineDefinition = Definition, RoleArn = "arn:aws:iam::111122223333:role/R" }, Token);
        }

        await host.DisposeAsync();
        await host.DisposeAsync(); // a second dispose does nothing

        Directory.Exists(host.DataDirectory).ShouldBeFalse();
    }

    [Fact]
    public async Task DisposeAsync_GivenFolder_IsKeptAndANewHostSeesItsState()
    {
        var folder = Directory.CreateTempSubdirectory("sluice-testing-given-").FullName;
        try
        {
            await using (var first = await SluiceTestHost.StartAsync(new SluiceTestHostOptions { DataDirectory = folder }, Token))
            {
                using var sageMaker = first.SageMaker();
                await sageMaker.CreatePipelineAsync(new CreatePipelineRequest { PipelineName = "kept", PipelineDefinition = Definition, RoleArn = "arn:aws:iam::111122223333:role/R" }, Token);
            }

            Directory.Exists(folder).ShouldBeTrue();
            await using var second = await SluiceTestHost.StartAsync(new SluiceTestHostOptions { DataDirectory = folder }, Token);
            using var client = second.SageMaker();
            (await client.DescribePipelineAsync(new DescribePipelineRequest { PipelineName = "kept" }, Token)).PipelineName.ShouldBe("kept");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_TwoHostsAtOnce_GetDifferentPortsAndFolders()
    {
        var starting = new[] { SluiceTestHost.StartAsync(Token), SluiceTestHost.StartAsync(Token) };
        var hosts = await Task.WhenAll(starting);
        try
        {
            hosts[0].Address.Port.ShouldNotBe(hosts[1].Address.Port);
            hosts[0].DataDirectory.ShouldNotBe(hosts[1].DataDirectory);
            using var first = hosts[0].SageMaker();
            using var second = hosts[1].SageMaker();
            await first.CreatePipelineAsync(new CreatePipelineRequest { PipelineName = "only-in-first", PipelineDefinition = Definition, RoleArn = "arn:aws:iam::111122223333:role/R" }, Token);
            (await second.ListPipelinesAsync(new ListPipelinesRequest(), Token)).PipelineSummaries.ShouldNotBeNull().ShouldBeEmpty();
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>A clock that always reads the same time; timers still run on real time.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
