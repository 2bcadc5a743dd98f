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

    /// <summary>
    /// Opens only the store the configuration names, for commands that read state or queues without running anything,
    /// printing a configuration problem as <c>sluice: file:line: ...</c>.
    /// </summary>
    /// <returns>The host, or <see langword="null"/> when the configuration cannot be used (exit with <see cref="ExitCodes.Usage"/>).</returns>
    public static Task<EngineHost?> OpenStoreAsync(CliIo io, string dataDirectory, string? configPath, CancellationToken cancellationToken, string? store = null)
        => OpenWithAsync(io, configPath, store, async configuration =>
            new EngineHost(await SluiceHost.OpenStoreAsync(configuration, dataDirectory, cancellationToken), null, configuration));

    /// <summary>
    /// Opens the store and an engine over it for a command, printing a configuration problem as <c>sluice: file:line: ...</c>.
    /// </summary>
    /// <returns>The host, or <see langword="null"/> when the configuration cannot be used (exit with <see cref="ExitCodes.Usage"/>).</returns>
    public static Task<EngineHost?> OpenEngineAsync(CliIo io, string dataDirectory, string? configPath, CancellationToken cancellationToken, string? store = null)
        => OpenWithAsync(io, configPath, store, async configuration =>
        {
            var host = await SluiceHost.StartAsync(new SluiceHostOptions { DataDirectory = dataDirectory, Configuration = configuration }, cancellationToken);
            return new EngineHost(host.Store, host, configuration);
        });

    /// <summary>Loads the configuration (with <c>--store</c> over it) and opens what <paramref name="open"/> opens, printing a configuration problem.</summary>
    private static async Task<EngineHost?> OpenWithAsync(CliIo io, string? configPath, string? store, Func<SluiceConfiguration, Task<EngineHost>> open)
    {
        try
        {
            return await open(WithStore(ConfigurationLoader.Load(configPath), store));
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
