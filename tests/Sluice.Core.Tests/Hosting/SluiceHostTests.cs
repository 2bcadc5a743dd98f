using System.Net;
using System.Net.Sockets;
using System.Text;
using Sluice.Core.Artifacts.Local;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Hosting;
using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Local;
using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;
using Sluice.Core.Tests.Support;

namespace Sluice.Core.Tests.Hosting;

public sealed class SluiceHostTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("sluice-host-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task StartAsync_ConfigurationFile_BuildsTheStoreAndEngineItNames()
    {
        var configuration = ConfigurationLoader.Parse("store: sqlite\nregion: eu-west-1\naccount: \"123456789012\"", "sluice.yaml");

        await using var host = await SluiceHost.StartAsync(Options(configuration), TestContext.Current.CancellationToken);

        host.Store.ShouldBeOfType<SqliteExecutionStore>();
        File.Exists(Path.Combine(_data, SqliteExecutionStore.FileName)).ShouldBeTrue();
        host.DataDirectory.ShouldBe(_data);
        host.Engine.Store.ShouldBeSameAs(host.Store);
        host.Engine.Options.Region.ShouldBe("eu-west-1");
        host.Engine.Options.Account.ShouldBe("123456789012");
        host.Objects.ShouldBeSameAs(host.Engine.Objects);
        host.Objects.ShouldBeOfType<LocalObjectStore>().Root.ShouldBe(Path.Combine(_data, "objects"));
        host.JobHost.ShouldBeOfType<SandboxJobHost>();
    }

    [Theory]
    [InlineData("", StoreDurability.Full)]
    [InlineData("store:\n  durability: normal\n", StoreDurability.Normal)]
    public async Task StartAsync_StoreDurability_GivesItToTheObjectStore(string yaml, StoreDurability expected)
    {
        var configuration = ConfigurationLoader.Parse(yaml, "sluice.yaml");

        await using var host = await SluiceHost.StartAsync(Options(configuration), TestContext.Current.CancellationToken);

        host.Objects.ShouldBeOfType<LocalObjectStore>().Durability.ShouldBe(expected);
    }

    [Fact]
    public async Task StartAsync_JobHostAndObjectStoreGiven_RunsJobsOnThemAndResolvesObjectsThere()
    {
        var jobs = new SandboxJobHost(TimeProvider.System, TimeSpan.FromSeconds(1));
        var objects = new LocalObjectStore(Path.Combine(_data, "elsewhere"));

        await using var host = await SluiceHost.StartAsync(Options(SluiceConfiguration.Empty) with { JobHost = jobs, Objects = objects }, TestContext.Current.CancellationToken);

        host.JobHost.ShouldBeSameAs(jobs);
        host.Engine.Objects.ShouldBeSameAs(objects);
    }

    [Fact]
    public async Task StartAsync_UnknownJobHost_RefusesNamingTheKeyAndTheSupportedHosts()
    {
        var configuration = SluiceConfiguration.Empty with { Source = "/work/sluice.yaml", Jobs = JobSettings.Default with { Host = "slurmm" } };

        var error = await Should.ThrowAsync<ConfigurationException>(() => SluiceHost.StartAsync(Options(configuration), TestContext.Current.CancellationToken));

        error.Message.ShouldBe("/work/sluice.yaml: jobs.host: 'slurmm' is not a job host (did you mean 'slurm'?); supported: local, slurm");
    }

    [Fact]
    public async Task StartAsync_NoRegionConfigured_UsesTheDefaultRegionAndLimits()
    {
        var options = Options(SluiceConfiguration.Empty) with { DefaultRegion = "ap-south-1", MaxConcurrentJobs = 3, CallbackPollInterval = TimeSpan.FromSeconds(2) };

        await using var host = await SluiceHost.StartAsync(options, TestContext.Current.CancellationToken);

        host.Engine.Options.Region.ShouldBe("ap-south-1");
        host.Engine.Options.Account.ShouldBe("000000000000");
        host.Engine.Options.MaxConcurrentJobs.ShouldBe(3);
        host.Engine.Options.CallbackPollInterval.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task StartAsync_UnknownStoreBackend_RefusesNamingTheKeyAndTheSupportedBackends()
    {
        var configuration = SluiceConfiguration.Empty with { Source = "/work/sluice.yaml", Store = "cassandra" };

        var error = await Should.ThrowAsync<ConfigurationException>(() => SluiceHost.StartAsync(Options(configuration), TestContext.Current.CancellationToken));

        error.Message.ShouldBe("/work/sluice.yaml: store: 'cassandra' is not a store backend; supported: sqlite, postgres");
        File.Exists(Path.Combine(_data, SqliteExecutionStore.FileName)).ShouldBeFalse();
    }

    [Fact]
    public async Task OpenStoreAsync_UnknownStoreBackend_Refuses() =>
        (await Should.ThrowAsync<ConfigurationException>(
            () => SluiceHost.OpenStoreAsync(SluiceConfiguration.Empty with { Store = "s3" }, _data, TestContext.Current.CancellationToken)))
        .Message.ShouldBe("store: 's3' is not a store backend; supported: sqlite, postgres");

    [Fact]
    public async Task OpenStoreAsync_Default_OpensAnInitialisedSqliteStore()
    {
        await using var store = await SluiceHost.OpenStoreAsync(SluiceConfiguration.Empty, _data, TestContext.Current.CancellationToken);

        store.ShouldBeOfType<SqliteExecutionStore>();
        (await store.ListPipelinesAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DisposeAsync_AfterARun_ClosesTheStoreAndKeepsWhatWasWritten()
    {
        var host = await SluiceHost.StartAsync(Options(SluiceConfiguration.Empty), TestContext.Current.CancellationToken);
        var definition = Pipelines.Definition(Pipelines.Fail("Stop", "on purpose")).ToJsonString();
        await host.Engine.SavePipelineAsync("p", definition, null, null, null, null, TestContext.Current.CancellationToken);
        var started = await host.Engine.StartExecutionAsync(new StartExecutionRequest { PipelineName = "p" }, TestContext.Current.CancellationToken);
        var ended = await host.Engine.WaitAsync(started.Arn, TestContext.Current.CancellationToken);

        await host.DisposeAsync();
        await host.DisposeAsync(); // a second dispose does nothing

        await Should.ThrowAsync<ObjectDisposedException>(() => host.Store.ListPipelinesAsync(TestContext.Current.CancellationToken));
        await using var reopened = await SluiceHost.StartAsync(Options(SluiceConfiguration.Empty), TestContext.Current.CancellationToken);
        (await reopened.Store.GetExecutionAsync(started.Arn, TestContext.Current.CancellationToken)).ShouldNotBeNull().Status.ShouldBe(ended.Status);
        (await reopened.Store.ListStepsAsync(started.Arn, TestContext.Current.CancellationToken)).Single().StepName.ShouldBe("Stop");
    }

    [Fact]
    public async Task StartAsync_NoHttpClientGiven_BuildsOneOnlyWhenALambdaStepCallsAUrl()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var answering = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            context.Response.StatusCode = 200;
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("{}"), TestContext.Current.CancellationToken);
            context.Response.Close();
        }, TestContext.Current.CancellationToken);
        var configuration = SluiceConfiguration.Empty with
        {
            LambdaFunctions = new Dictionary<string, LambdaFunction>
            {
                ["f"] = new(null, new Uri($"http://127.0.0.1:{port}/invoke"), null, new Dictionary<string, string>(), null),
            },
        };
        var ct = TestContext.Current.CancellationToken;
        await using var host = await SluiceHost.StartAsync(Options(configuration), ct);

        await host.Engine.SavePipelineAsync("no-http", Pipelines.Definition(Pipelines.Fail("Stop", "on purpose")).ToJsonString(), null, null, null, null, ct);
        var failed = await host.Engine.StartExecutionAsync(new StartExecutionRequest { PipelineName = "no-http" }, ct);
        (await host.Engine.WaitAsync(failed.Arn, ct)).Status.ShouldBe(ExecutionStatus.Failed);
        host.OwnedHttpCreated.ShouldBeFalse();

        await host.Engine.SavePipelineAsync("http", Pipelines.Definition(Pipelines.Lambda("Call", "f")).ToJsonString(), null, null, null, null, ct);
        var called = await host.Engine.StartExecutionAsync(new StartExecutionRequest { PipelineName = "http" }, ct);
        (await host.Engine.WaitAsync(called.Arn, ct)).Status.ShouldBe(ExecutionStatus.Succeeded);
        await answering;
        host.OwnedHttpCreated.ShouldBeTrue();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private SluiceHostOptions Options(SluiceConfiguration configuration) => new() { DataDirectory = _data, Configuration = configuration };
}
