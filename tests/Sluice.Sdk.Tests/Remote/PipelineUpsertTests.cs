using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Sdk.Code;
using Sluice.Sdk.Local;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Remote;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests.Remote;

public sealed class PipelineUpsertTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UpsertAsync_Twice_CreatesThenUpdatesToVersion2()
    {
        await using var server = await ServerHarness.StartAsync();
        using var client = server.SageMaker();
        var first = RemotePipelines.Gate();
        var second = RemotePipelines.Gate();
        second.Parameters.Add(new ParameterString("Note", "second version"));

        var created = await first.UpsertAsync(client, RemotePipelines.Role, "first", new PipelineUpsertOptions { DisplayName = "Gate" }, Cancel);
        var updated = await second.UpsertAsync(client, RemotePipelines.Role, "second", cancellationToken: Cancel);

        created.Created.ShouldBeTrue();
        created.PipelineVersionId.ShouldBeNull();
        created.PipelineArn.ShouldEndWith(":pipeline/gate");
        updated.ShouldBe(new PipelineUpsertResult(created.PipelineArn, Created: false, PipelineVersionId: 2));
        var described = await client.DescribePipelineAsync(new DescribePipelineRequest { PipelineName = "gate" }, Cancel);
        described.PipelineDefinition.ShouldBe(second.ToDefinitionJson());
        described.PipelineDescription.ShouldBe("second");
        described.PipelineDisplayName.ShouldBe("Gate");
        described.RoleArn.ShouldBe(RemotePipelines.Role);
        var firstVersion = await client.DescribePipelineAsync(new DescribePipelineRequest { PipelineName = "gate", PipelineVersionId = 1 }, Cancel);
        firstVersion.PipelineDefinition.ShouldBe(first.ToDefinitionJson());
    }

    [Fact]
    public async Task UpsertAsync_InvalidPipeline_ThrowsTheValidatorsMessagesBeforeAnyRequest()
    {
        await using var server = await ServerHarness.StartAsync();
        using var counting = new CountingHandler();
        using var http = new HttpClient(counting);
        using var client = server.SageMaker(http: http);
        var pipeline = new Pipeline("broken")
        {
            Steps = { new FailStep("Same", "one"), new FailStep("Same", new ParameterString("Undeclared")) },
        };

        var error = await Should.ThrowAsync<PipelineValidationException>(() => pipeline.UpsertAsync(client, RemotePipelines.Role, cancellationToken: Cancel));

        error.Message.ShouldContain("'Same'");
        error.Message.ShouldContain("Undeclared");
        counting.Targets.ShouldBeEmpty();
        using var other = server.SageMaker();
        (await other.ListPipelinesAsync(new ListPipelinesRequest(), Cancel)).PipelineSummaries.ShouldBeEmpty();
    }

    [Fact]
    public async Task UpsertAsync_LargeDefinitionWithAnUploader_SendsItThroughS3()
    {
        await using var server = await ServerHarness.StartAsync();
        using var client = server.SageMaker();
        var pipeline = new Pipeline("large")
        {
            Steps = { new FailStep("Stop", new string('x', Pipeline.InlineDefinitionLimitBytes)) },
            Session = new PipelineSession { DefaultBucket = "sluice-test", DefaultBucketPrefix = "definitions" },
        };

        var result = await pipeline.UpsertAsync(
            client, RemotePipelines.Role, options: new PipelineUpsertOptions { Uploader = new ObjectStoreCodeUploader(server.Engine.Objects) }, cancellationToken: Cancel);

        result.Created.ShouldBeTrue();
        (await server.Engine.Objects.ReadTextAsync("s3://sluice-test/definitions/large", Cancel)).ShouldBe(pipeline.ToDefinitionJson());
        var described = await client.DescribePipelineAsync(new DescribePipelineRequest { PipelineName = "large" }, Cancel);
        described.PipelineDefinition.ShouldBe(pipeline.ToDefinitionJson());
    }

    [Fact]
    public async Task UpsertAsync_DefinitionOverTheInlineLimitWithoutUploader_ThrowsBeforeAnyRequest()
    {
        using var counting = new CountingHandler();
        using var http = new HttpClient(counting);
        using var client = Offline(http);
        var pipeline = new Pipeline("huge") { Steps = { new FailStep("Stop", new string('x', Pipeline.MaxInlineDefinitionLength)) } };

        var error = await Should.ThrowAsync<InvalidOperationException>(() => pipeline.UpsertAsync(client, RemotePipelines.Role, cancellationToken: Cancel));

        error.Message.ShouldContain("Uploader");
        counting.Targets.ShouldBeEmpty();
    }

    /// <summary>A client for an address nothing listens on: any request would fail.</summary>
    internal static SageMakerClient Offline(HttpClient http) => new(new Client.Http.AwsClientOptions
    {
        Endpoint = new Uri("http://127.0.0.1:9/"),
        Region = "us-east-1",
        Credentials = new Client.Credentials.AwsCredentials("AKIDTEST", "test-secret"),
        HttpClient = http,
        MaxAttempts = 1,
    });
}
