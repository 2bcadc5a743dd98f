using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Hosting;
using Sluice.Core.Storage;

namespace Sluice.Cli;

/// <summary>Opens the store of a data directory and, when asked, an engine over it, through <see cref="SluiceHost"/>.</summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly SluiceHost? _host;

    private EngineHost(ISluiceStore store, SluiceHost? host, SluiceConfiguration configuration)
    {
        Store = store;
        _host = host;
        Configuration = configuration;
    }

    public ISluiceStore Store { get; }

    public PipelineEngine? Engine => _host?.Engine;

    public SluiceConfiguration Configuration { get; }

    /// <summary>Opens the store, and an engine when <paramref name="withEngine"/> is set.</summary>
    /// <exception cref="ConfigurationException">When the configuration file cannot be used.</exception>
    public static async Task<EngineHost> OpenAsync(
        string dataDirectory, string? configPath, bool withEngine, CancellationToken cancellationToken, string? store = null)
    {
        // Commands that only read state take no configuration, so a broken sluice.yaml never hides what was stored.
        if (!withEngine)
        {
            var readOnly = await SluiceHost.OpenStoreAsync(SluiceConfiguration.Empty, dataDirectory, cancellationToken);
            return new EngineHost(readOnly, null, SluiceConfiguration.Empty);
        }

        var configuration = WithStore(ConfigurationLoader.Load(configPath), store);
        var host = await SluiceHost.StartAsync(new SluiceHostOptions { DataDirectory = dataDirectory, Configuration = configuration }, cancellationToken);
        return new EngineHost(host.Store, host, configuration);
    }

    /// <summary>
    /// Opens a store and an engine for a command, printing a configuration problem as <c>sluice: file:line: ...</c>.
    /// </summary>
    /// <returns>The host, or <see langword="null"/> when the configuration cannot be used (exit with <see cref="ExitCodes.Usage"/>).</returns>
    public static async Task<EngineHost?> OpenEngineAsync(
        CliIo io, string dataDirectory, string? configPath, CancellationToken cancellationToken, string? store = null)
    {
        try
        {
            return await OpenAsync(dataDirectory, configPath, withEngine: true, cancellationToken, store);
        }
        catch (ConfigurationException e)
        {
            await io.Error.WriteLineAsync($"sluice: {e.Message}");
            return null;
        }
    }

    /// <summary>The configuration with the store <c>--store</c> names instead of <c>store:</c>, when given.</summary>
    /// <exception cref="ConfigurationException">When the value names no usable store.</exception>
    public static SluiceConfiguration WithStore(SluiceConfiguration configuration, string? store) =>
        store is null ? configuration
        : ConfigurationLoader.TryWithStore(configuration, store, out var chosen, out var problem) ? chosen
        : throw new ConfigurationException($"--store: {problem}");

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            return;
        }

        await Store.DisposeAsync();
    }
}
