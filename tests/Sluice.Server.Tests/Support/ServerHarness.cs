using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Storage.Sqlite;
using Sluice.Server.Hosting;

namespace Sluice.Server.Tests.Support;

/// <summary>`sluice serve`'s web application over a real engine and SQLite store in a temporary directory, on a free loopback port.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private readonly string _directory;
    private readonly SqliteExecutionStore _store;
    private readonly PipelineEngine _engine;
    private readonly WebApplication _app;

    private ServerHarness(string directory, SqliteExecutionStore store, PipelineEngine engine, WebApplication app, Uri address)
    {
        _directory = directory;
        _store = store;
        _engine = engine;
        _app = app;
        Address = address;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    public static async Task<ServerHarness> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("sluice-server-").FullName;
        var store = new SqliteExecutionStore(directory);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        var options = new EngineOptions { DataDirectory = directory, MaxConcurrentJobs = 1 };
        var engine = new PipelineEngine(store, options, SluiceConfiguration.Empty, TimeProvider.System);
        var app = SluiceServer.Build(engine, "http://127.0.0.1:0");
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServerHarness(directory, store, engine, app, new Uri(address + "/"));
    }

    /// <summary>Posts a body to an <c>X-Amz-Target</c>.</summary>
    public async Task<HttpResponseMessage> PostAsync(HttpClient http, string target, string body)
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        content.Headers.Add("X-Amz-Target", target);
        return await http.PostAsync(Address, content, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _engine.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
