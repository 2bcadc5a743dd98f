using Sluice.Client.Credentials;
using Sluice.Client.SageMaker;
using Sluice.Client.Sqs;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Testing;

namespace Sluice.Server.Tests.Support;

/// <summary>`sluice serve`'s web application in this process (a <see cref="SluiceTestHost"/>); clients sign for eu-west-1.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    /// <summary>Credentials that sign requests in these tests.</summary>
    public static readonly AwsCredentials TestCredentials = new("AKIDTEST", "test-secret");

    private readonly SluiceTestHost _host;

    private ServerHarness(SluiceTestHost host) => _host = host;

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address => _host.Address;

    /// <summary>The data directory.</summary>
    public string Directory => _host.DataDirectory;

    /// <summary>The engine's store.</summary>
    public ISluiceStore Store => _host.Store;

    /// <summary>The engine behind the server (to resume executions as <c>sluice serve</c> does at its start).</summary>
    public PipelineEngine Engine => _host.Engine;

    /// <summary>Starts a server; over <paramref name="directory"/> when given (kept on dispose), else over a new temporary one.</summary>
    public static async Task<ServerHarness> StartAsync(
        string? directory = null, IReadOnlyDictionary<string, string>? credentials = null, long? maxBodyBytes = null, string? consoleToken = null, TimeProvider? time = null) =>
        new(await SluiceTestHost.StartAsync(
            new SluiceTestHostOptions
            {
                DataDirectory = directory,
                Credentials = credentials ?? new Dictionary<string, string>(),
                ConsoleToken = consoleToken,
                MaxBodyBytes = maxBodyBytes,
                CallbackPollInterval = TimeSpan.FromMilliseconds(250),
                ClientRegion = "eu-west-1",
                Time = time ?? TimeProvider.System,
            },
            TestContext.Current.CancellationToken));

    /// <summary>A SageMaker client for this server, signing with <see cref="TestCredentials"/> unless told otherwise.</summary>
    public SageMakerClient SageMaker(AwsCredentials? credentials = null, bool anonymous = false, TimeProvider? time = null) =>
        _host.SageMaker(credentials ?? TestCredentials, anonymous, time);

    /// <summary>An SQS client for this server.</summary>
    public SqsClient Sqs(AwsCredentials? credentials = null) => _host.Sqs(credentials ?? TestCredentials);

    /// <summary>Posts a body to an <c>X-Amz-Target</c>.</summary>
    public async Task<HttpResponseMessage> PostAsync(HttpClient http, string target, string body)
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        content.Headers.Add("X-Amz-Target", target);
        return await http.PostAsync(Address, content, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
