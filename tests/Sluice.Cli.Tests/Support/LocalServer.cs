using Sluice.Client.SageMaker;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Support;

/// <summary>`sluice serve`'s application in this process (a <see cref="SluiceTestHost"/>); it accepts unsigned requests.</summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private readonly SluiceTestHost _host;

    private LocalServer(SluiceTestHost host) => _host = host;

    public Uri Address => _host.Address;

    public static async Task<LocalServer> StartAsync() =>
        new(await SluiceTestHost.StartAsync(
            new SluiceTestHostOptions { CallbackPollInterval = TimeSpan.FromMilliseconds(250) },
            TestContext.Current.CancellationToken));

    /// <summary>An unsigned SageMaker client for this server.</summary>
    public SageMakerClient SageMaker() => _host.SageMaker(anonymous: true);

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
