using System.Text.Json.Nodes;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Hosting;
using Sluice.Core.Storage;

namespace Sluice.Core.Tests.Support;

/// <summary>A real engine over a real SQLite store in a temporary data directory, on a fake clock, built by <see cref="SluiceHost"/>.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly bool _ownsDirectory;
    private readonly SluiceHost _host;

    private EngineHarness(FakeTimeProvider time, SluiceHost host, bool ownsDirectory)
    {
        _ownsDirectory = ownsDirectory;
        Time = time;
        _host = host;
    }

    public string DataDirectory => _host.DataDirectory;

    public FakeTimeProvider Time { get; }

    public ISluiceStore Store => _host.Store;

    public PipelineEngine Engine => _host.Engine;

    public static async Task<EngineHarness> CreateAsync(SluiceConfiguration? configuration = null, int maxJobs = 2, string? dataDirectory = null, StepRunnerRegistry? runners = null, TimeSpan? callbackPollInterval = null)
    {
        var directory = dataDirectory ?? Directory.CreateTempSubdirectory("sluice-engine-").FullName;
        var time = new FakeTimeProvider();
        var host = await SluiceHost.StartAsync(
            new SluiceHostOptions
            {
                DataDirectory = directory,
                Configuration = configuration ?? SluiceConfiguration.Empty,
                Time = time,
                MaxConcurrentJobs = maxJobs,
                CallbackPollInterval = callbackPollInterval ?? TimeSpan.FromSeconds(1),
                Runners = runners,
            },
            TestContext.Current.CancellationToken);
        return new EngineHarness(time, host, ownsDirectory: dataDirectory is null);
    }

    /// <summary>Saves a definition as pipeline <paramref name="name"/> and starts an execution.</summary>
    public async Task<ExecutionRecord> StartAsync(JsonObject definition, string name = "test-pipeline", params (string Name, string Value)[] parameters)
    {
        await Engine.SavePipelineAsync(name, definition.ToJsonString(), null, null, null, null, TestContext.Current.CancellationToken);
        return await Engine.StartExecutionAsync(
            new StartExecutionRequest { PipelineName = name, Parameters = [.. parameters.Select(p => new ParameterValue(p.Name, p.Value))] },
            TestContext.Current.CancellationToken);
    }

    /// <summary>Starts an execution and waits for it to end, moving the fake clock as it goes.</summary>
    public async Task<ExecutionRecord> RunAsync(JsonObject definition, string name = "test-pipeline", params (string Name, string Value)[] parameters) =>
        await WaitAsync((await StartAsync(definition, name, parameters)).Arn);

    /// <summary>Waits for an execution to end, advancing the fake clock a second at a time while it runs.</summary>
    public async Task<ExecutionRecord> WaitAsync(string executionArn)
    {
        var done = Engine.WaitAsync(executionArn, TestContext.Current.CancellationToken);
        await Until(() => done.IsCompleted);
        return await done;
    }

    /// <summary>Advances the fake clock a second at a time until a condition holds (the background tasks run on real threads meanwhile).</summary>
    public async Task Until(Func<bool> condition, int maxSteps = 2_000)
    {
        for (var i = 0; i < maxSteps && !condition(); i++)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
            if (!condition())
            {
                Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        condition().ShouldBeTrue("the condition did not hold in time");
    }

    /// <summary>Advances until a predicate over the stored steps holds.</summary>
    public async Task UntilStepsAsync(string executionArn, Func<IReadOnlyList<StepRecord>, bool> predicate)
    {
        IReadOnlyList<StepRecord> steps = [];
        for (var i = 0; i < 2_000; i++)
        {
            steps = await Store.ListStepsAsync(executionArn, TestContext.Current.CancellationToken);
            if (predicate(steps))
            {
                return;
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        predicate(steps).ShouldBeTrue("the steps never reached the expected state: " + string.Join(", ", steps.Select(s => $"{s.StepName}={s.Status}")));
    }

    public async Task<IReadOnlyList<StepRecord>> StepsAsync(string executionArn) =>
        await Store.ListStepsAsync(executionArn, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        if (!_ownsDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
