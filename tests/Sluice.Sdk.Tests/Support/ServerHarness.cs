using Sluice.Client.Credentials;
using Sluice.Client.SageMaker;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Testing;

namespace Sluice.Sdk.Tests.Support;

/// <summary>An in-process <c>sluice serve</c> (a <see cref="SluiceTestHost"/>): Callback steps look for their answer every 20 ms.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private static readonly AwsCredentials Credentials = new("AKIDTEST", "test-secret");

    private readonly SluiceTestHost _host;

    private ServerHarness(SluiceTestHost host) => _host = host;

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address => _host.Address;

    /// <summary>The engine behind the server (its object store stands in for S3).</summary>
    public PipelineEngine Engine => _host.Engine;

    /// <summary>The engine's store.</summary>
    public ISluiceStore Store => _host.Store;

    /// <summary>Starts a server over a new temporary data directory.</summary>
    public static async Task<ServerHarness> StartAsync() =>
        new(await SluiceTestHost.StartAsync(TestContext.Current.CancellationToken));

    /// <summary>A SageMaker client for this server, signing with test credentials.</summary>
    /// <param name="time">The client's clock (signing and waits); the system's unless given.</param>
    /// <param name="http">The HTTP client to send with, e.g. one that counts requests.</param>
    public SageMakerClient SageMaker(TimeProvider? time = null, HttpClient? http = null) => _host.SageMaker(Credentials, time: time, http: http);

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
