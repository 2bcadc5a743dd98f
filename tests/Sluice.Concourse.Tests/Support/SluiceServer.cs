using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Client.SageMaker.Steps;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Storage.Sqlite;
using SluiceHost = Sluice.Server.Hosting.SluiceServer;

namespace Sluice.Concourse.Tests.Support;

/// <summary>
/// An in-process <c>sluice serve</c> over a temporary data directory on a free loopback port, with a client to set the
/// scene: create pipelines, start executions, answer their Callback steps and wait for them to end.
/// </summary>
internal sealed class SluiceServer : IAsyncDisposable
{
    private static readonly TimeSpan SceneTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory;
    private readonly SqliteExecutionStore _store;
    private readonly PipelineEngine _engine;
    private readonly WebApplication _app;

    private SluiceServer(string directory, SqliteExecutionStore store, PipelineEngine engine, WebApplication app, Uri endpoint)
    {
        _directory = directory;
        _store = store;
        _engine = engine;
        _app = app;
        Endpoint = endpoint;
        Client = new SageMakerClient(new AwsClientOptions { Endpoint = endpoint, Region = "us-east-1", Anonymous = true, MaxAttempts = 1 });
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>A client of the server, for setting up and inspecting.</summary>
    public SageMakerClient Client { get; }

    public static async Task<SluiceServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("sluice-concourse-server-").FullName;
        var store = new SqliteExecutionStore(directory);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        var options = new EngineOptions { DataDirectory = directory, MaxConcurrentJobs = 1, CallbackPollInterval = TimeSpan.FromMilliseconds(20) };
        var engine = new PipelineEngine(store, options, SluiceConfiguration.Empty, new MonotonicClock());
        var app = SluiceHost.Build(engine, new Sluice.Server.Hosting.SluiceServerOptions { Urls = "http://127.0.0.1:0", LogRequests = false });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SluiceServer(directory, store, engine, app, new Uri(address + "/"));
    }

    /// <summary>A resource source for a pipeline of this server, with credentials.</summary>
    public JsonObject Source(string pipeline) => new()
    {
        ["pipeline"] = pipeline,
        ["endpoint"] = Endpoint.ToString(),
        ["region"] = "us-east-1",
        ["access_key_id"] = "AKIDEXAMPLE",
        ["secret_access_key"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    };

    public async Task<string> CreatePipelineAsync(string name, string definition)
    {
        var created = await Client.CreatePipelineAsync(
            new CreatePipelineRequest { PipelineName = name, PipelineDefinition = definition, RoleArn = "arn:aws:iam::111122223333:role/SageMaker" },
            TestContext.Current.CancellationToken);
        return created.PipelineArn!;
    }

    public async Task<string> StartAsync(string pipeline, params Parameter[] parameters)
    {
        var started = await Client.StartPipelineExecutionAsync(
            new StartPipelineExecutionRequest { PipelineName = pipeline, PipelineParameters = parameters.Length > 0 ? parameters : null },
            TestContext.Current.CancellationToken);
        return started.PipelineExecutionArn!;
    }

    /// <summary>Starts an execution and waits for it to end.</summary>
    public async Task<string> RunAsync(string pipeline, params Parameter[] parameters)
    {
        var arn = await StartAsync(pipeline, parameters);
        await WaitAsync(arn);
        return arn;
    }

    public async Task<DescribePipelineExecutionResponse> WaitAsync(string arn)
    {
        using var timeout = Timeout();
        return await Client.WaitForPipelineExecutionAsync(arn, TimeSpan.FromMilliseconds(20), timeout.Token);
    }

    /// <summary>Answers the Gate step of a <see cref="Definitions.Gated"/> execution, once it is waiting, and waits for the execution to end.</summary>
    public async Task<DescribePipelineExecutionResponse> OpenGateAsync(string arn, bool succeed = true)
    {
        var token = await CallbackTokenAsync(arn);
        using var timeout = Timeout();
        if (succeed)
        {
            await Client.SendPipelineExecutionStepSuccessAsync(new() { CallbackToken = token }, timeout.Token);
        }
        else
        {
            await Client.SendPipelineExecutionStepFailureAsync(new() { CallbackToken = token, FailureReason = "the gate refused" }, timeout.Token);
        }

        return await WaitAsync(arn);
    }

    /// <summary>The token of the Gate step, once the step has issued it.</summary>
    public async Task<string> CallbackTokenAsync(string arn)
    {
        using var timeout = Timeout();
        while (true)
        {
            var steps = await Client.ListPipelineExecutionStepsAsync(new ListPipelineExecutionStepsRequest { PipelineExecutionArn = arn }, timeout.Token);
            if (steps.PipelineExecutionSteps?.FirstOrDefault(s => s.StepName == "Gate")?.Metadata?.Callback?.CallbackToken is { } token)
            {
                return token;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    /// <summary>The executions of a pipeline, newest first.</summary>
    public async Task<IReadOnlyList<PipelineExecutionSummary>> ExecutionsAsync(string pipeline)
    {
        var all = new List<PipelineExecutionSummary>();
        await foreach (var execution in Client.ListAllPipelineExecutionsAsync(new() { PipelineName = pipeline }, TestContext.Current.CancellationToken))
        {
            all.Add(execution);
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _engine.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static CancellationTokenSource Timeout()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(SceneTimeout);
        return source;
    }
}
