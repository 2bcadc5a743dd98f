using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Storage.Sqlite;
using Sluice.Server.Hosting;

namespace Sluice.Sdk.Tests.Support;

/// <summary>An in-process <c>sluice serve</c> over a real engine and SQLite store in a temporary directory, on a free loopback port.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private readonly TemporaryFolder _folder;
    private readonly WebApplication _app;

    private ServerHarness(TemporaryFolder folder, SqliteExecutionStore store, PipelineEngine engine, WebApplication app, Uri address)
    {
        _folder = folder;
        Store = store;
        Engine = engine;
        _app = app;
        Address = address;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The engine behind the server (its object store stands in for S3).</summary>
    public PipelineEngine Engine { get; }

    /// <summary>The engine's store.</summary>
    public SqliteExecutionStore Store { get; }

    /// <summary>Starts a server over a new temporary data directory; Callback steps look for their answer every 20 ms.</summary>
    public static async Task<ServerHarness> StartAsync()
    {
        var folder = new TemporaryFolder();
        var store = new SqliteExecutionStore(folder.Path);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        var options = new EngineOptions { DataDirectory = folder.Path, MaxConcurrentJobs = 1, CallbackPollInterval = TimeSpan.FromMilliseconds(20) };
        var engine = new PipelineEngine(store, options, SluiceConfiguration.Empty, TimeProvider.System);
        var app = SluiceServer.Build(engine, new SluiceServerOptions { Urls = "http://127.0.0.1:0", LogRequests = false });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServerHarness(folder, store, engine, app, new Uri(address + "/"));
    }

    /// <summary>A SageMaker client for this server, signing with test credentials.</summary>
    /// <param name="time">The client's clock (signing and waits); the system's unless given.</param>
    /// <param name="http">The HTTP client to send with, e.g. one that counts requests.</param>
    public SageMakerClient SageMaker(TimeProvider? time = null, HttpClient? http = null) => new(new AwsClientOptions
    {
        Endpoint = Address,
        Region = "us-east-1",
        Credentials = new AwsCredentials("AKIDTEST", "test-secret"),
        TimeProvider = time ?? TimeProvider.System,
        HttpClient = http,
        MaxAttempts = 1,
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Engine.DisposeAsync();
        await Store.DisposeAsync();
        _folder.Dispose();
    }
}
