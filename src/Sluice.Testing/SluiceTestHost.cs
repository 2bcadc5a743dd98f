using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.Sqs;
using Sluice.Core.Execution;
using Sluice.Core.Hosting;
using Sluice.Core.Storage;
using Sluice.Server.Hosting;

namespace Sluice.Testing;

/// <summary>
/// An in-process Sluice for tests: the engine (built by <see cref="SluiceHost"/>) and the <c>sluice serve</c> API on
/// 127.0.0.1 with a port of its own, over a temporary data folder, with SageMaker and SQS clients pointed at it.
/// Several hosts may run at once; disposing one stops the server and the engine and removes its temporary folder.
/// </summary>
/// <example>
/// <code>
/// await using var sluice = await SluiceTestHost.StartAsync();
/// using var sageMaker = sluice.SageMaker();
/// await sageMaker.CreatePipelineAsync(new() { PipelineName = "p", PipelineDefinition = json, RoleArn = role }, ct);
/// </code>
/// </example>
public sealed class SluiceTestHost : IAsyncDisposable
{
    /// <summary>The credentials clients sign with when the host requires none: accepted, as any signature is then.</summary>
    public static readonly AwsCredentials TestCredentials = new("AKIDSLUICETEST", "sluice-test-secret");

    private readonly SluiceTestHostOptions _options;
    private readonly bool _ownsDirectory;
    private readonly WebApplication _app;
    private int _disposed;

    private SluiceTestHost(SluiceTestHostOptions options, bool ownsDirectory, SluiceHost host, WebApplication app, Uri address)
    {
        _options = options;
        _ownsDirectory = ownsDirectory;
        Host = host;
        _app = app;
        Address = address;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The full path of the data directory.</summary>
    public string DataDirectory => Host.DataDirectory;

    /// <summary>The composition root behind the server: store, object store, job host and engine.</summary>
    public SluiceHost Host { get; }

    /// <summary>The engine behind the server, e.g. to resume executions as <c>sluice serve</c> does when it starts.</summary>
    public PipelineEngine Engine => Host.Engine;

    /// <summary>The engine's store, for looking at state the API does not show.</summary>
    public ISluiceStore Store => Host.Store;

    /// <summary>Starts the engine and the server over a new temporary data folder with every default.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running host.</returns>
    public static Task<SluiceTestHost> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(new SluiceTestHostOptions(), cancellationToken);

    /// <summary>Starts the engine and the server.</summary>
    /// <param name="options">The data folder, clock, configuration and server settings.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running host.</returns>
    public static async Task<SluiceTestHost> StartAsync(SluiceTestHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ownsDirectory = options.DataDirectory is null;
        var directory = options.DataDirectory ?? Directory.CreateTempSubdirectory("sluice-test-").FullName;
        SluiceHost? host = null;
        WebApplication? app = null;
        try
        {
            host = await SluiceHost.StartAsync(
                new SluiceHostOptions
                {
                    DataDirectory = directory,
                    Configuration = options.Configuration,
                    Time = options.Time,
                    MaxConcurrentJobs = options.MaxConcurrentJobs,
                    CallbackPollInterval = options.CallbackPollInterval,
                    Runners = options.Runners,
                },
                cancellationToken);

            // Port 0: the system picks a free port, so hosts started at once never collide.
            app = SluiceServer.Build(host.Engine, new SluiceServerOptions
            {
                Urls = "http://127.0.0.1:0",
                Credentials = options.Credentials,
                ConsoleToken = options.ConsoleToken,
                MaxBodyBytes = options.MaxBodyBytes ?? SluiceServerOptions.DefaultMaxBodyBytes,
                LogRequests = options.LogRequests,
            });
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new SluiceTestHost(options, ownsDirectory, host, app, new Uri(address + "/"));
        }
        catch
        {
            await StopAsync(app, host, ownsDirectory ? directory : null);
            throw;
        }
    }

    /// <summary>
    /// Client settings for this server: signed with <paramref name="credentials"/>, else the host's first required
    /// credential, else <see cref="TestCredentials"/>; one attempt per call, so a failure shows at once.
    /// </summary>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <param name="anonymous">Send unsigned requests instead.</param>
    /// <param name="time">The client's clock (signing, waits); the host's unless given.</param>
    /// <param name="http">The HTTP client to send with, e.g. one that counts requests.</param>
    /// <returns>The settings.</returns>
    public AwsClientOptions ClientOptions(AwsCredentials? credentials = null, bool anonymous = false, TimeProvider? time = null, HttpClient? http = null) => new()
    {
        Endpoint = Address,
        Region = _options.ClientRegion,
        Credentials = anonymous ? null : credentials ?? DefaultCredentials(),
        Anonymous = anonymous,
        TimeProvider = time ?? _options.Time,
        HttpClient = http,
        MaxAttempts = 1,
    };

    /// <summary>A SageMaker client for this server (see <see cref="ClientOptions"/>); dispose it.</summary>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <param name="anonymous">Send unsigned requests instead.</param>
    /// <param name="time">The client's clock; the host's unless given.</param>
    /// <param name="http">The HTTP client to send with.</param>
    /// <returns>The client.</returns>
    public SageMakerClient SageMaker(AwsCredentials? credentials = null, bool anonymous = false, TimeProvider? time = null, HttpClient? http = null) =>
        new(ClientOptions(credentials, anonymous, time, http));

    /// <summary>An SQS client for this server's queues (see <see cref="ClientOptions"/>); dispose it.</summary>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <param name="anonymous">Send unsigned requests instead.</param>
    /// <param name="time">The client's clock; the host's unless given.</param>
    /// <returns>The client.</returns>
    public SqsClient Sqs(AwsCredentials? credentials = null, bool anonymous = false, TimeProvider? time = null) =>
        new(ClientOptions(credentials, anonymous, time));

    /// <summary>Stops the server, then the engine and the store, then removes the temporary data folder.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(_app, Host, _ownsDirectory ? DataDirectory : null);
    }

    // The server first, so no request reaches an engine that is stopping; the folder last, once nothing holds a file.
    private static async Task StopAsync(WebApplication? app, SluiceHost? host, string? directoryToRemove)
    {
        if (app is not null)
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }

        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (directoryToRemove is not null)
        {
            TemporaryFolders.Remove(directoryToRemove);
        }
    }

    private AwsCredentials DefaultCredentials()
    {
        foreach (var (id, secret) in _options.Credentials)
        {
            return new AwsCredentials(id, secret);
        }

        return TestCredentials;
    }
}
