using Sluice.Core.Artifacts;
using Sluice.Core.Artifacts.Local;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Jobs;
using Sluice.Core.Storage;

namespace Sluice.Core.Hosting;

/// <summary>
/// The composition root: builds the store, the object store and the job host the configuration chooses, the step
/// runners and the engine over them, and disposes them in the reverse order. The CLI, <c>sluice serve</c>, the SDK's local runner and the test hosts all start
/// Sluice through this class, so a new backend is wired here once.
/// </summary>
/// <example>
/// <code>
/// await using var host = await SluiceHost.StartAsync(new SluiceHostOptions { DataDirectory = ".sluice" }, ct);
/// await host.Engine.SavePipelineAsync("p", definitionJson, null, null, null, null, ct);
/// </code>
/// </example>
public sealed class SluiceHost : IAsyncDisposable
{
    private readonly Lazy<HttpClient>? _ownedHttp;
    private int _disposed;

    private SluiceHost(SluiceHostOptions options, string dataDirectory, ISluiceStore store, IJobHost? jobHost, StepRunnerRegistry runners, PipelineEngine engine, Lazy<HttpClient>? ownedHttp)
    {
        JobHost = jobHost;
        Configuration = options.Configuration;
        DataDirectory = dataDirectory;
        Time = options.Time;
        Store = store;
        Runners = runners;
        Engine = engine;
        _ownedHttp = ownedHttp;
    }

    /// <summary>The configuration the host was built from.</summary>
    public SluiceConfiguration Configuration { get; }

    /// <summary>The full path of the data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The clock of the engine.</summary>
    public TimeProvider Time { get; }

    /// <summary>The store, initialised; the backend the configuration's <c>store:</c> names.</summary>
    public ISluiceStore Store { get; }

    /// <summary>The step runners; the job runners among them submit to <see cref="JobHost"/>.</summary>
    public StepRunnerRegistry Runners { get; }

    /// <summary>
    /// Where job steps run: the host <c>jobs.host</c> names, or the one the options gave; <see langword="null"/> when the
    /// options gave runners of their own, which hold their host.
    /// </summary>
    public IJobHost? JobHost { get; }

    /// <summary>The object store steps read and write (by default a folder of the data directory; it stands in for S3).</summary>
    public IObjectStore Objects => Engine.Objects;

    /// <summary>The engine over the store.</summary>
    public PipelineEngine Engine { get; }

    /// <summary>
    /// Whether the host has built the HTTP client it owns (none was given in the options). It does so only when a
    /// Lambda step calls a stand-in behind a URL, so a command that runs no such step never pays for one.
    /// </summary>
    internal bool OwnedHttpCreated => _ownedHttp?.IsValueCreated == true;

    /// <summary>Builds and initialises the store, then the object store, the job host, the runners and the engine over them.</summary>
    /// <param name="options">The data directory, configuration, clock and limits.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The host; dispose it to stop the engine and close the store.</returns>
    /// <exception cref="ConfigurationException">When the configuration names a store backend that does not exist.</exception>
    public static async Task<SluiceHost> StartAsync(SluiceHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        // The job host first: a configuration it refuses then leaves no store open.
        var jobHost = options.Runners is null
            ? options.JobHost ?? JobHostBackends.Create(new JobHostContext(options.Configuration, dataDirectory, options.Time))
            : null;
        var objects = options.Objects ?? new LocalObjectStore(Path.Combine(dataDirectory, "objects"), options.Configuration.StoreDurability);
        var store = await OpenStoreAsync(options.Configuration, dataDirectory, cancellationToken);
        // Built on first use only: a client's handler, telemetry and TLS types cost a short `sluice run` measurable CPU
        // (docs/performance.md, "CLI start-up"), and only a Lambda step with a URL stand-in needs one.
        var ownedHttp = options.Http is null ? new Lazy<HttpClient>(() => new HttpClient()) : null;
        var given = options.Http;
        var runners = options.Runners ?? StepRunnerRegistry.CreateDefault(jobHost!, given is null ? () => ownedHttp!.Value : () => given);
        var engine = new PipelineEngine(store, EngineOptionsOf(options, dataDirectory), options.Configuration, options.Time, runners, given, objects);
        return new SluiceHost(options, dataDirectory, store, jobHost, runners, engine, ownedHttp);
    }

    /// <summary>
    /// Opens and initialises only the store, for commands that read state without running anything
    /// (<c>sluice executions</c>, <c>describe</c>, <c>logs</c>).
    /// </summary>
    /// <param name="configuration">The configuration whose <c>store:</c> names the backend.</param>
    /// <param name="dataDirectory">The data directory.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The store; the caller disposes it.</returns>
    /// <exception cref="ConfigurationException">When the configuration names a store backend that does not exist.</exception>
    public static async Task<ISluiceStore> OpenStoreAsync(SluiceConfiguration configuration, string dataDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var store = StoreBackends.Create(configuration, Path.GetFullPath(dataDirectory));
        try
        {
            await store.InitializeAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the engine (running executions are abandoned as they are and resume at the next start), then closes the
    /// store the engine wrote to, then releases the HTTP client the host made.
    /// </summary>
    /// <returns>A task that completes when everything is released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // The engine flushes its step writes into the store while it stops, so the store closes after it.
        await Engine.DisposeAsync();
        await Store.DisposeAsync();
        if (_ownedHttp is { IsValueCreated: true })
        {
            _ownedHttp.Value.Dispose();
        }
    }

    private static EngineOptions EngineOptionsOf(SluiceHostOptions options, string dataDirectory)
    {
        var engine = new EngineOptions
        {
            DataDirectory = dataDirectory,
            Region = options.Configuration.Region ?? options.DefaultRegion,
            Account = options.Configuration.Account ?? "000000000000",
        };
        engine = (options.MaxConcurrentJobs ?? options.Configuration.Jobs.Slots) is { } jobs ? engine with { MaxConcurrentJobs = jobs } : engine;
        if (options.MaxConcurrentJobs is null && options.Configuration.Jobs.Slots is null && options.Configuration.Jobs.Host == Jobs.Slurm.SlurmJobHost.HostName)
        {
            // Jobs run on the cluster, not on this machine's CPUs: as many may wait on Slurm as jobs.slurm.max_jobs says.
            engine = engine with { MaxConcurrentJobs = options.Configuration.Jobs.Slurm.MaxJobs };
        }

        return options.CallbackPollInterval is { } poll ? engine with { CallbackPollInterval = poll } : engine;
    }
}
