using System.Text.Json.Nodes;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Client.SageMaker.Steps;
using Sluice.Testing;

namespace Sluice.Concourse.Tests.Support;

/// <summary>
/// An in-process <c>sluice serve</c> (a <see cref="SluiceTestHost"/> on a clock that never repeats a reading), with a client to set the
/// scene: create pipelines, start executions, answer their Callback steps and wait for them to end.
/// </summary>
internal sealed class SluiceServer : IAsyncDisposable
{
    private static readonly TimeSpan SceneTimeout = TimeSpan.FromSeconds(30);

    private readonly SluiceTestHost _host;

    private SluiceServer(SluiceTestHost host)
    {
        _host = host;
        Client = host.SageMaker(anonymous: true);
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Endpoint => _host.Address;

    /// <summary>A client of the server, for setting up and inspecting.</summary>
    public SageMakerClient Client { get; }

    public static async Task<SluiceServer> StartAsync() =>
        new(await SluiceTestHost.StartAsync(new SluiceTestHostOptions { Time = new MonotonicClock() }, TestContext.Current.CancellationToken));

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

    /// <summary>Answers the Gate step of a <see cref="SamplePipelines.Gated"/> execution, once it is waiting, and waits for the execution to end.</summary>
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
        await _host.DisposeAsync();
    }

    private static CancellationTokenSource Timeout()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(SceneTimeout);
        return source;
    }
}
