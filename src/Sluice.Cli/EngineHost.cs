using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;

namespace Sluice.Cli;

/// <summary>Opens the store of a data directory and, when asked, an engine over it.</summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private EngineHost(ISluiceStore store, PipelineEngine? engine, SluiceConfiguration configuration)
    {
        Store = store;
        Engine = engine;
        Configuration = configuration;
    }

    public ISluiceStore Store { get; }

    public PipelineEngine? Engine { get; }

    public SluiceConfiguration Configuration { get; }

    /// <summary>Opens the store, and an engine when <paramref name="withEngine"/> is set.</summary>
    /// <exception cref="ConfigurationException">When the configuration file cannot be used.</exception>
    public static async Task<EngineHost> OpenAsync(string dataDirectory, string? configPath, bool withEngine, CancellationToken cancellationToken)
    {
        var configuration = withEngine ? ConfigurationLoader.Load(configPath) : SluiceConfiguration.Empty;
        var fullData = Path.GetFullPath(dataDirectory);
        var store = new SqliteExecutionStore(fullData);
        await store.InitializeAsync(cancellationToken);
        PipelineEngine? engine = null;
        if (withEngine)
        {
            var options = new EngineOptions
            {
                DataDirectory = fullData,
                Region = configuration.Region ?? "us-east-1",
                Account = configuration.Account ?? "000000000000",
            };
            engine = new PipelineEngine(store, options, configuration, TimeProvider.System);
        }

        return new EngineHost(store, engine, configuration);
    }

    /// <summary>
    /// Opens a store and an engine for a command, printing a configuration problem as <c>sluice: file:line: ...</c>.
    /// </summary>
    /// <returns>The host, or <see langword="null"/> when the configuration cannot be used (exit with <see cref="ExitCodes.Usage"/>).</returns>
    public static async Task<EngineHost?> OpenEngineAsync(CliIo io, string dataDirectory, string? configPath, CancellationToken cancellationToken)
    {
        try
        {
            return await OpenAsync(dataDirectory, configPath, withEngine: true, cancellationToken);
        }
        catch (ConfigurationException e)
        {
            await io.Error.WriteLineAsync($"sluice: {e.Message}");
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Engine is not null)
        {
            await Engine.DisposeAsync();
        }

        await Store.DisposeAsync();
    }
}
