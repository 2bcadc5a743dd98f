using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.Sqs;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Storage.Sqlite;
using Sluice.Server.Hosting;

namespace Sluice.Server.Tests.Support;

/// <summary>`sluice serve`'s web application over a real engine and SQLite store in a temporary directory, on a free loopback port.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    /// <summary>Credentials that sign requests in these tests.</summary>
    public static readonly AwsCredentials TestCredentials = new("AKIDTEST", "test-secret");

    private readonly bool _ownsDirectory;
    private readonly PipelineEngine _engine;
    private readonly WebApplication _app;

    private ServerHarness(string directory, bool ownsDirectory, SqliteExecutionStore store, PipelineEngine engine, WebApplication app, Uri address)
    {
        Directory = directory;
        _ownsDirectory = ownsDirectory;
        Store = store;
        _engine = engine;
        _app = app;
        Address = address;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The data directory.</summary>
    public string Directory { get; }

    /// <summary>The engine's store.</summary>
    public SqliteExecutionStore Store { get; }

    /// <summary>The engine behind the server (to resume executions as <c>sluice serve</c> does at its start).</summary>
    public PipelineEngine Engine => _engine;

    /// <summary>Starts a server; over <paramref name="directory"/> when given (kept on dispose), else over a new temporary one.</summary>
    public static async Task<ServerHarness> StartAsync(
        string? directory = null, IReadOnlyDictionary<string, string>? credentials = null, long? maxBodyBytes = null)
    {
        var ownsDirectory = directory is null;
        directory ??= System.IO.Directory.CreateTempSubdirectory("sluice-server-").FullName;
        var store = new SqliteExecutionStore(directory);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        var options = new EngineOptions { DataDirectory = directory, MaxConcurrentJobs = 1 };
        var engine = new PipelineEngine(store, options, SluiceConfiguration.Empty, TimeProvider.System);
        var app = SluiceServer.Build(engine, new SluiceServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Credentials = credentials ?? new Dictionary<string, string>(),
            MaxBodyBytes = maxBodyBytes ?? SluiceServerOptions.DefaultMaxBodyBytes,
            LogRequests = false,
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServerHarness(directory, ownsDirectory, store, engine, app, new Uri(address + "/"));
    }

    /// <summary>A SageMaker client for this server, signing with <see cref="TestCredentials"/> unless told otherwise.</summary>
    public SageMakerClient SageMaker(AwsCredentials? credentials = null, bool anonymous = false, TimeProvider? time = null) =>
        new(Options(credentials, anonymous, time));

    /// <summary>An SQS client for this server.</summary>
    public SqsClient Sqs(AwsCredentials? credentials = null) => new(Options(credentials, anonymous: false, time: null));

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
        await Store.DisposeAsync();
        if (_ownsDirectory)
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private AwsClientOptions Options(AwsCredentials? credentials, bool anonymous, TimeProvider? time) => new()
    {
        Endpoint = Address,
        Region = "eu-west-1",
        Credentials = anonymous ? null : credentials ?? TestCredentials,
        Anonymous = anonymous,
        TimeProvider = time ?? TimeProvider.System,
        MaxAttempts = 1,
    };
}
