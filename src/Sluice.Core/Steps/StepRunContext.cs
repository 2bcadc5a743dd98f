using System.Text.Json;
using Sluice.Core.Artifacts;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Definitions;
using Sluice.Definitions.Expressions.Evaluation;

namespace Sluice.Core.Steps;

/// <summary>Everything a step runner needs for one attempt.</summary>
public sealed class StepRunContext
{
    /// <summary>The step.</summary>
    public required StepDefinition Step { get; init; }

    /// <summary>The execution.</summary>
    public required ExecutionRecord Execution { get; init; }

    /// <summary>The step's Arguments with every expression replaced by its value; <c>default</c> when the step has none.</summary>
    public required JsonElement Arguments { get; init; }

    /// <summary>Reads parameters, execution variables and other steps' properties.</summary>
    public required IEvaluationContext Evaluation { get; init; }

    /// <summary>The object store s3:// URIs resolve to; runners stage through its verbs and never compute where an object lives.</summary>
    public required IObjectStore Objects { get; init; }

    /// <summary>The name of the step's job (<c>pipelines-{execution id}-{step}</c>), which Execution.ProcessingJobName / TrainingJobName read.</summary>
    public required string JobName { get; init; }

    /// <summary>Callback tokens, for the Callback runner, which issues them and reads their answers.</summary>
    public required ICallbackStore Callbacks { get; init; }

    /// <summary>
    /// Wakes a waiting Callback step when its token may have been answered; <see langword="null"/> when nothing does, and
    /// the step then reads its token every <see cref="EngineOptions.CallbackPollInterval"/>.
    /// </summary>
    public CallbackWakeups? CallbackWakeups { get; init; }

    /// <summary>The built-in queues, for the Callback runner, which posts its messages to them.</summary>
    public required IQueueStore Queues { get; init; }

    /// <summary>The model registry, for the Model and RegisterModel runners (and Transform, which reads models).</summary>
    public required IRegistryStore Registry { get; init; }

    /// <summary>The job records that Describe* operations read, for the runners that run jobs.</summary>
    public required IJobStore Jobs { get; init; }

    /// <summary>The clock.</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>The engine's settings.</summary>
    public required EngineOptions Options { get; init; }

    /// <summary>The user's configuration (Lambda stand-ins, images, interpreters).</summary>
    public required SluiceConfiguration Configuration { get; init; }

    /// <summary>Which attempt this is, from 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>
    /// State a previous process saved for this attempt with <see cref="SaveJobStateAsync"/> (a job's
    /// <see cref="Jobs.JobHandle"/>, a Callback token), so that a runner can re-attach to work that outlived the
    /// process; <see langword="null"/> on a fresh attempt.
    /// </summary>
    public string? JobState { get; init; }

    /// <summary>For a trial of a tuning job, the tuning job's name; otherwise <see langword="null"/>.</summary>
    public string? TuningJobName { get; init; }

    /// <summary>For a trial of a tuning job, the tuning job's ARN (DescribeTrainingJob's TuningJobArn); otherwise <see langword="null"/>.</summary>
    public string? TuningJobArn { get; init; }

    /// <summary>Publishes the step's metadata while it runs (a Callback step's token, a job's ARN), as ListPipelineExecutionSteps shows it.</summary>
    public required Func<JsonElement, CancellationToken, Task> PublishMetadataAsync { get; init; }

    /// <summary>Saves runner state durably before the runner depends on it surviving a restart.</summary>
    public required Func<string, CancellationToken, Task> SaveJobStateAsync { get; init; }

    /// <summary>
    /// Signalled when the execution is asked to stop. Runners stop their work as SageMaker would (a Callback step
    /// posts a Stopping message and keeps waiting for the answer) and return <see cref="StepResult.Stopped"/>.
    /// The <see cref="CancellationToken"/> passed to <see cref="IStepRunner.RunAsync"/> means something else: the
    /// process is shutting down, and the attempt should be abandoned as it is, to be resumed later.
    /// </summary>
    public required CancellationToken StopRequested { get; init; }
}
