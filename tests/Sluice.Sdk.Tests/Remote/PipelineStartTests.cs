using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests.Remote;

public sealed class PipelineStartTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_WithParameters_ExecutionRunsWithThem()
    {
        await using var server = await ServerHarness.StartAsync();
        using var client = server.SageMaker();
        var pipeline = RemotePipelines.Gate();
        await pipeline.UpsertAsync(client, RemotePipelines.Role, cancellationToken: Cancel);

        var execution = await pipeline.StartAsync(
            client,
            new Dictionary<string, object> { ["Value"] = 12, ["Limit"] = 20.5, ["Strict"] = true, ["Mode"] = "slow" },
            displayName: "nightly",
            description: "with parameters",
            cancellationToken: Cancel);

        execution.Arn.ShouldContain(":pipeline/gate/execution/");
        (await execution.ParametersAsync(Cancel)).ShouldBe(
            [new Parameter("Value", "12"), new Parameter("Limit", "20.5"), new Parameter("Strict", "True"), new Parameter("Mode", "slow")],
            ignoreOrder: true);
        var described = await execution.DescribeAsync(Cancel);
        described.PipelineExecutionDisplayName.ShouldBe("nightly");
        described.PipelineExecutionDescription.ShouldBe("with parameters");
        (await execution.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken: Cancel)).PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task StartAsync_WithoutParameters_ExecutionTakesTheDefaults()
    {
        await using var server = await ServerHarness.StartAsync();
        using var client = server.SageMaker();
        var pipeline = RemotePipelines.Gate();
        await pipeline.UpsertAsync(client, RemotePipelines.Role, cancellationToken: Cancel);

        var execution = await pipeline.StartAsync(client, cancellationToken: Cancel);

        (await execution.ParametersAsync(Cancel)).ShouldBe(
            [new Parameter("Value", "3"), new Parameter("Limit", "10.0"), new Parameter("Strict", "false"), new Parameter("Mode", "fast")],
            ignoreOrder: true);
    }

    [Fact]
    public async Task StartAsync_UnknownParameter_ThrowsBeforeAnyRequest()
    {
        using var counting = new CountingHandler();
        using var http = new HttpClient(counting);
        using var client = PipelineUpsertTests.Offline(http);

        var error = await Should.ThrowAsync<ArgumentException>(() => RemotePipelines.Gate().StartAsync(
            client, new Dictionary<string, object> { ["Treshold"] = 5 }, cancellationToken: Cancel));

        error.Message.ShouldContain("'Treshold' is not a parameter of pipeline 'gate'; its parameters are Value, Limit, Strict, Mode");
        counting.Targets.ShouldBeEmpty();
    }

    [Fact]
    public async Task StartAsync_PipelineNeverUpserted_ThrowsTheServicesError()
    {
        await using var server = await ServerHarness.StartAsync();
        using var client = server.SageMaker();

        var error = await Should.ThrowAsync<Client.Http.AwsServiceException>(() => RemotePipelines.Gate("missing").StartAsync(client, cancellationToken: Cancel));

        error.ErrorCode.ShouldBe("ResourceNotFound");
    }
}
