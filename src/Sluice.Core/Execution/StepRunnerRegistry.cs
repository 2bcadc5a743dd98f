using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Local;
using Sluice.Core.Steps;
using Sluice.Definitions;

namespace Sluice.Core.Execution;

/// <summary>Which runner runs each step type. The defaults cover the steps evaluated in the engine; job runners register here too.</summary>
public sealed class StepRunnerRegistry
{
    private readonly Dictionary<StepType, IStepRunner> _runners = [];

    /// <summary>How long a stopped job has between SIGTERM and SIGKILL on the local host.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Creates a registry with the engine's own runners: Condition, Fail, Lambda, Callback, Processing, Training,
    /// Transform, Tuning, Model and RegisterModel, with jobs in the local sandbox (<see cref="SandboxJobHost"/>).
    /// </summary>
    /// <param name="http">The client Lambda steps use for HTTP stand-ins.</param>
    /// <param name="time">The clock jobs' time limits run on.</param>
    /// <returns>The registry.</returns>
    public static StepRunnerRegistry CreateDefault(HttpClient http, TimeProvider? time = null) =>
        CreateDefault(new SandboxJobHost(time ?? TimeProvider.System, StopGrace), http);

    /// <summary>Creates a registry with the engine's own runners, whose jobs run on the given host.</summary>
    /// <param name="jobs">Where Processing, Training, Transform and Tuning jobs run.</param>
    /// <param name="http">The client Lambda steps use for HTTP stand-ins.</param>
    /// <returns>The registry.</returns>
    public static StepRunnerRegistry CreateDefault(IJobHost jobs, HttpClient http) => CreateDefault(jobs, () => http);

    /// <summary>Creates a registry with the engine's own runners, whose jobs run on the given host.</summary>
    /// <param name="jobs">Where Processing, Training, Transform and Tuning jobs run.</param>
    /// <param name="http">Gives the client Lambda steps use for HTTP stand-ins; called only when such a step runs.</param>
    /// <returns>The registry.</returns>
    public static StepRunnerRegistry CreateDefault(IJobHost jobs, Func<HttpClient> http)
    {
        var registry = new StepRunnerRegistry();
        registry.Register(StepType.Processing, new ProcessingStepRunner(jobs));
        registry.Register(StepType.Training, new TrainingStepRunner(jobs));
        registry.Register(StepType.Transform, new TransformStepRunner(jobs));
        registry.Register(StepType.Tuning, new TuningStepRunner(jobs));
        registry.Register(StepType.Model, new ModelStepRunner());
        registry.Register(StepType.RegisterModel, new RegisterModelStepRunner());
        registry.Register(StepType.Condition, new ConditionStepRunner());
        registry.Register(StepType.Fail, new FailStepRunner());
        registry.Register(StepType.Lambda, new LambdaStepRunner(http));
        registry.Register(StepType.Callback, new CallbackStepRunner());
        return registry;
    }

    /// <summary>Sets the runner of a step type.</summary>
    /// <param name="type">The step type.</param>
    /// <param name="runner">Its runner.</param>
    public void Register(StepType type, IStepRunner runner) => _runners[type] = runner;

    /// <summary>The runner of a step type; one that fails the step with a clear reason when none is registered.</summary>
    /// <param name="type">The step type.</param>
    /// <param name="typeName">The type as written, for the message.</param>
    /// <returns>The runner.</returns>
    public IStepRunner For(StepType type, string typeName) =>
        _runners.TryGetValue(type, out var runner)
            ? runner
            : new UnsupportedStepRunner(StepTypes.RunsOnThisMachine(type)
                ? $"{typeName} steps have no runner in this build of Sluice"
                : $"{typeName} steps run on SageMaker but cannot run on this machine");
}
