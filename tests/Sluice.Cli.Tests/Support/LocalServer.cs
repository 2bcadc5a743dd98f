using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Storage.Sqlite;
using Sluice.Server.Hosting;

namespace Sluice.Cli.Tests.Support;

/// <summary>`sluice serve`'s application in this process, over a temporary data directory, on a free loopback port; it accepts unsigned requests.</summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly SqliteExecutionStore _store;
    private readonly PipelineEngine _engine;
    private readonly WebApplication _app;

    private LocalServer(string directory, SqliteExecutionStore store, PipelineEngine engine, WebApplication app, Uri address)
    {
        _directory = directory;
        _store = store;
        _engine = engine;
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<LocalServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("sluice-cli-server-").FullName;
        var store = new SqliteExecutionStore(directory);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        var engine = new PipelineEngine(store, new EngineOptions { DataDirectory = directory, MaxConcurrentJobs = 1 }, SluiceConfiguration.Empty, TimeProvider.System);
        var app = SluiceServer.Build(engine, new SluiceServerOptions { Urls = "http://127.0.0.1:0", LogRequests = false });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalServer(directory, store, engine, app, new Uri(address));
    }

    /// <summary>An unsigned SageMaker client for this server.</summary>
    public SageMakerClient SageMaker() => new(new AwsClientOptions { Endpoint = Address, Region = "us-east-1", Anonymous = true, MaxAttempts = 1 });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _engine.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
