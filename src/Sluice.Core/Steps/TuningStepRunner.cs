using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sluice.Core.Execution;
using Sluice.Core.Jobs;
using Sluice.Core.Storage;
using Sluice.Definitions;
using Sluice.Definitions.Json;

namespace Sluice.Core.Steps;

/// <summary>
/// Runs a Tuning step (a CreateHyperParameterTuningJob request) on this machine. Its training jobs, the trials, run
/// through the Training runner inside the tuning step's one job slot, at most
/// <c>ResourceLimits.MaxParallelTrainingJobs</c> at once (and never more than the engine's MaxConcurrentJobs).
/// <list type="bullet">
/// <item><description>
/// Strategies: <c>Random</c> picks every range's value uniformly on its ScalingType (<c>Auto</c> as Linear);
/// <c>Grid</c> runs every combination of Categorical values and Integer values (stepped by 1), the first
/// MaxNumberOfTrainingJobs of them when that is given, and rejects Continuous ranges (ClientError). <c>Bayesian</c>
/// and <c>Hyperband</c> run as Random search, without early stopping: HyperParameterTuningJobConfig.Strategy stays
/// as requested, and a top-level <c>SluiceNote</c> property (also the first line of the step's log) says what ran.
/// The random source is seeded with HyperParameterTuningJobConfig.RandomSeed, else with a hash of the tuning job's
/// name, so running an attempt again picks the same values.
/// </description></item>
/// <item><description>
/// Trial n is the training job <c>{tuning job}-{nnn}-{8 hex}</c> (at most 63 characters): the TrainingJobDefinition
/// as a CreateTrainingJob request whose HyperParameters are the StaticHyperParameters and the picked values as plain
/// strings (<c>"7"</c>, <c>"0.125"</c>, categorical values as written), which the toolkit's decoding reads as
/// SageMaker's do. Its model lands at <c>{S3OutputPath}/{trial}/output/model.tar.gz</c>, where
/// <c>TuningStep.get_top_model_s3_uri</c> looks. Its job folder and log are the step's, one level down:
/// <c>jobs/{execution}/{step}/{trial}/{attempt}</c> and <c>logs/{execution}/{step}/{trial}.log</c>; the step's own log
/// says when each trial starts and ends and repeats its output, each line prefixed with the trial's number.
/// </description></item>
/// <item><description>
/// A trial's objective is the FinalMetricDataList value named HyperParameterTuningJobObjective.MetricName (which must
/// be one of the MetricDefinitions); a trial that completes without it has ObjectiveStatus Failed and a FailureReason.
/// </description></item>
/// <item><description>
/// The properties are a DescribeHyperParameterTuningJob response merged with ListTrainingJobsForHyperParameterTuningJob's
/// TrainingJobSummaries: the best 50 trials, best objective first, then the trials without one, so
/// <c>TrainingJobSummaries[0]</c> is BestTrainingJob. The step fails when no trial reports its objective, naming how
/// many failed and the first failure; it succeeds when at least one does. When the execution is stopped, running
/// trials are stopped, no more start, and the step ends Stopped.
/// </description></item>
/// </list>
/// Not modelled: ResourceLimits.MaxRuntimeInSeconds, TuningJobCompletionCriteria, WarmStartConfig, and tuners over
/// several estimators (TrainingJobDefinitions), which fail as a ClientError.
/// </summary>
/// <param name="training">The runner each trial runs with, as a Training step of its own.</param>
public sealed class TuningStepRunner(IStepRunner training) : IStepRunner
{
    private const int MaxSummaries = 50;
    private const int MaxTrials = 10_000;
    private const int MaxJobNameLength = 63;

    /// <summary>TrainingJobDefinition members that describe the tuning, not the training job.</summary>
    private static readonly HashSet<string> TuningOnlyMembers = new(StringComparer.Ordinal)
    {
        "DefinitionName", "TuningObjective", "HyperParameterRanges", "StaticHyperParameters", "HyperParameterTuningResourceConfig",
    };

    /// <summary>Creates the runner with a <see cref="TrainingStepRunner"/> over <paramref name="jobs"/> for the trials.</summary>
    /// <param name="jobs">Where the trials' jobs run.</param>
    public TuningStepRunner(IJobHost jobs)
        : this(new TrainingStepRunner(jobs))
    {
    }

    /// <inheritdoc />
    public bool UsesJobSlot => true;

    /// <inheritdoc />
    public Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken)
    {
        var jobName = JobNameOf(context);
        var arn = JobSteps.Arn(context, "hyper-parameter-tuning-job", jobName);
        return JobRecorder.RecordAsync(context, JobKind.HyperParameterTuning, jobName, arn, () => RunJobAsync(context, jobName, arn, cancellationToken), cancellationToken);
    }

    private async Task<StepResult> RunJobAsync(StepRunContext context, string jobName, string arn, CancellationToken cancellationToken)
    {
        var arguments = context.Arguments;
        var metadata = Json.Parse("{\"TuningJob\": {\"Arn\": " + Json.Quote(arn) + "}}");
        Tuning tuning;
        try
        {
            tuning = Tuning.Read(arguments, jobName, context.Options.MaxConcurrentJobs);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return new StepResult.Failed($"ClientError: {e.Message}", null) { Metadata = metadata };
        }

        var created = context.Time.GetUtcNow();
        using var log = new TuningLog(JobLayout.For(context).LogFile);
        log.Line($"{jobName}: {tuning.Strategy} search, {tuning.Trials.Count} training jobs, {tuning.MaxParallel} at a time; "
            + $"objective: {tuning.ObjectiveType} {tuning.MetricName}");
        if (tuning.Note is { } note)
        {
            log.Line(note);
        }

        var outcomes = new TrialOutcome?[tuning.Trials.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = tuning.MaxParallel, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(tuning.Trials, parallel, async (trial, token) =>
        {
            if (!context.StopRequested.IsCancellationRequested)
            {
                outcomes[trial.Number - 1] = await RunTrialAsync(context, tuning, trial, log, token);
            }
        });

        if (outcomes.Any(o => o is null or { Status: "Stopped" }))
        {
            log.Line($"{jobName}: stopped");
            return new StepResult.Stopped { Metadata = metadata };
        }

        var ranked = outcomes.Select(o => o!)
            .OrderBy(o => o.Objective is null)
            .ThenBy(o => (o.Objective ?? 0) * (tuning.ObjectiveType == "Maximize" ? -1 : 1))
            .ThenBy(o => o.Trial.Number)
            .ToList();
        var best = ranked[0];
        if (best.Objective is null)
        {
            var first = ranked.MinBy(o => o.Trial.Number)!;
            var reason = $"No training job succeeded: {ranked.Count} of {ranked.Count} failed; "
                + $"the first, {first.Trial.Name}, failed with: {first.FailureReason}";
            log.Line($"{jobName}: {reason}");
            return new StepResult.Failed(reason, null) { Metadata = metadata };
        }

        log.Line($"{jobName}: best training job {best.Trial.Name} ({tuning.MetricName} = {HyperParameterSampler.Format(best.Objective.Value)})");
        return new StepResult.Succeeded(Properties(context, tuning, jobName, arn, created, ranked)) { Metadata = metadata };
    }

    private async Task<TrialOutcome> RunTrialAsync(StepRunContext context, Tuning tuning, Trial trial, TuningLog log, CancellationToken cancellationToken)
    {
        var trialContext = TrialContext(context, trial, tuning.ArgumentsOf(trial));
        var trialLog = JobLayout.For(trialContext).LogFile;
        var logStart = File.Exists(trialLog) ? new FileInfo(trialLog).Length : 0;
        log.Line($"{trial.Name} started: {string.Join(", ", trial.Values.Select(p => $"{p.Key}={p.Value}"))}");
        var started = context.Time.GetUtcNow();
        var result = await training.RunAsync(trialContext, cancellationToken);
        var ended = context.Time.GetUtcNow();
        var noObjective = $"the objective metric '{tuning.MetricName}' was not found in the job's log (see its MetricDefinitions regular expression)";
        var outcome = result switch
        {
            StepResult.Succeeded succeeded => ObjectiveOf(succeeded.Properties, tuning.MetricName) is { } value
                ? new TrialOutcome(trial, "Completed", started, ended, null, value)
                : new TrialOutcome(trial, "Completed", started, ended, noObjective, null),
            StepResult.Failed failed => new TrialOutcome(trial, "Failed", started, ended, failed.Reason, null),
            _ => new TrialOutcome(trial, "Stopped", started, ended, null, null),
        };
        log.Output(trialLog, logStart, $"[{trial.Number:D3}] ");
        log.Line(outcome.Objective is { } objective
            ? $"{trial.Name} {outcome.Status}: {tuning.MetricName} = {HyperParameterSampler.Format(objective)}"
            : $"{trial.Name} {outcome.Status}{(outcome.FailureReason is { } why ? ": " + why : string.Empty)}");
        return outcome;
    }

    /// <summary>A trial's own context: a Training step named <c>{step}/{trial}</c>, so its job folder and log are its own.</summary>
    private static StepRunContext TrialContext(StepRunContext context, Trial trial, JsonElement arguments)
    {
        var name = $"{context.Step.Name}/{trial.Name}";
        return new StepRunContext
        {
            Step = new StepDefinition
            {
                Path = context.Step.Path,
                Name = name,
                TypeName = nameof(StepType.Training),
                Type = StepType.Training,
                Source = Json.Parse(ObjectOf([("Name", Json.Quote(name)), ("Type", "\"Training\""), ("Arguments", arguments.GetRawText())])),
            },
            Execution = context.Execution,
            Arguments = arguments,
            Evaluation = context.Evaluation,
            Objects = context.Objects,
            JobName = trial.Name,
            Callbacks = context.Callbacks,
            CallbackWakeups = context.CallbackWakeups,
            Queues = context.Queues,
            Registry = context.Registry,
            Jobs = context.Jobs,
            Time = context.Time,
            Options = context.Options,
            Configuration = context.Configuration,
            Attempt = context.Attempt,
            TuningJobName = JobNameOf(context),
            TuningJobArn = JobSteps.Arn(context, "hyper-parameter-tuning-job", JobNameOf(context)),
            PublishMetadataAsync = (_, _) => Task.CompletedTask, // a trial's metadata is not the tuning step's
            // A trial's handle is not the tuning step's job state: an interrupted tuning step is failed (or retried) by
            // the engine as a whole, so there is nothing of a trial to re-attach to.
            SaveJobStateAsync = (_, _) => Task.CompletedTask,
            StopRequested = context.StopRequested,
        };
    }

    /// <summary>The tuning job's name: HyperParameterTuningJobName when the request gives one, else the step's job name.</summary>
    private static string JobNameOf(StepRunContext context) =>
        context.Arguments.Member("HyperParameterTuningJobName").TryGetString(out var given) ? given : context.JobName;

    private static double? ObjectiveOf(JsonElement properties, string metricName) =>
        JobSteps.Items(properties.Member("FinalMetricDataList"))
            .FirstOrDefault(m => m.Member("MetricName").TryGetString(out var name) && name == metricName) is { ValueKind: JsonValueKind.Object } metric
        && metric.Member("Value").TryGetNumber(out var value)
            ? value
            : null;

    private static JsonElement Properties(StepRunContext context, Tuning tuning, string jobName, string arn, DateTimeOffset created, List<TrialOutcome> ranked)
    {
        string Count(Func<TrialOutcome, bool> predicate) => ranked.Count(predicate).ToString(CultureInfo.InvariantCulture);
        var summaries = ranked.Take(MaxSummaries).Select(o => Summary(context, tuning, jobName, o)).ToList();
        var ended = context.Time.GetUtcNow();
        List<(string Name, string Json)> members =
        [
            ("HyperParameterTuningJobName", Json.Quote(jobName)),
            ("HyperParameterTuningJobArn", Json.Quote(arn)),
            ("HyperParameterTuningJobStatus", "\"Completed\""),
            ("CreationTime", JobSteps.Seconds(created)),
            ("HyperParameterTuningEndTime", JobSteps.Seconds(ended)),
            ("LastModifiedTime", JobSteps.Seconds(ended)),
            ("TrainingJobStatusCounters", ObjectOf([
                ("Completed", Count(o => o.Status == "Completed")), ("InProgress", "0"), ("RetryableError", "0"),
                ("NonRetryableError", Count(o => o.Status == "Failed")), ("Stopped", "0")])),
            ("ObjectiveStatusCounters", ObjectOf([
                ("Succeeded", Count(o => o.Objective is not null)), ("Pending", "0"), ("Failed", Count(o => o.Objective is null))])),
            ("BestTrainingJob", summaries[0]),
            ("TrainingJobSummaries", "[" + string.Join(", ", summaries) + "]"),
        ];
        if (tuning.Note is { } note)
        {
            members.Add(("SluiceNote", Json.Quote(note)));
        }

        return JobSteps.Describe(context.Arguments, "HyperParameterTuningJobName", members);
    }

    /// <summary>A HyperParameterTrainingJobSummary.</summary>
    private static string Summary(StepRunContext context, Tuning tuning, string jobName, TrialOutcome outcome)
    {
        List<(string Name, string Json)> members =
        [
            ("TrainingJobName", Json.Quote(outcome.Trial.Name)),
            ("TrainingJobArn", Json.Quote(JobSteps.Arn(context, "training-job", outcome.Trial.Name))),
            ("TuningJobName", Json.Quote(jobName)),
            ("CreationTime", JobSteps.Seconds(outcome.Started)),
            ("TrainingStartTime", JobSteps.Seconds(outcome.Started)),
            ("TrainingEndTime", JobSteps.Seconds(outcome.Ended)),
            ("TrainingJobStatus", Json.Quote(outcome.Status)),
            ("TunedHyperParameters", ObjectOf(outcome.Trial.Values.Select(p => (p.Key, Json.Quote(p.Value))))),
        ];
        if (outcome.FailureReason is { } reason)
        {
            members.Add(("FailureReason", Json.Quote(reason)));
        }

        if (outcome.Objective is { } value)
        {
            members.Add(("FinalHyperParameterTuningJobObjectiveMetric", ObjectOf([
                ("Type", Json.Quote(tuning.ObjectiveType)), ("MetricName", Json.Quote(tuning.MetricName)), ("Value", HyperParameterSampler.Format(value))])));
        }

        members.Add(("ObjectiveStatus", outcome.Objective is null ? "\"Failed\"" : "\"Succeeded\""));
        return ObjectOf(members);
    }

    private static string ObjectOf(IEnumerable<(string Name, string Json)> members) =>
        "{" + string.Join(", ", members.Select(m => Json.Quote(m.Name) + ": " + m.Json)) + "}";

    /// <summary>One training job of the tuning job.</summary>
    /// <param name="Number">Its number, from 1.</param>
    /// <param name="Name">Its training job name.</param>
    /// <param name="Values">The tuned hyperparameters' values.</param>
    private sealed record Trial(int Number, string Name, OrderedDictionary<string, string> Values);

    /// <summary>How a trial ended.</summary>
    /// <param name="Trial">The trial.</param>
    /// <param name="Status">Its TrainingJobStatus: Completed, Failed or Stopped.</param>
    /// <param name="Started">When it started.</param>
    /// <param name="Ended">When it ended.</param>
    /// <param name="FailureReason">Why it failed, or why its objective did.</param>
    /// <param name="Objective">The objective metric's value; <see langword="null"/> when its ObjectiveStatus is Failed.</param>
    private sealed record TrialOutcome(Trial Trial, string Status, DateTimeOffset Started, DateTimeOffset Ended, string? FailureReason, double? Objective);

    /// <summary>The tuning job as requested, with its trials planned.</summary>
    private sealed record Tuning(
        string Strategy,
        string? Note,
        string ObjectiveType,
        string MetricName,
        int MaxParallel,
        JsonElement Definition,
        OrderedDictionary<string, string> StaticHyperParameters,
        IReadOnlyList<Trial> Trials)
    {
        public static Tuning Read(JsonElement arguments, string jobName, int machineJobs)
        {
            if (arguments.Member("TrainingJobDefinitions") is { ValueKind: JsonValueKind.Array })
            {
                throw new NotSupportedException("a tuner over several estimators (TrainingJobDefinitions) cannot run on this machine yet: tune one estimator");
            }

            var definition = arguments.Member("TrainingJobDefinition") is { ValueKind: JsonValueKind.Object } d
                ? d : throw new ArgumentException("TrainingJobDefinition is required");
            var config = arguments.Member("HyperParameterTuningJobConfig");
            var strategy = config.Member("Strategy").TryGetString(out var s) ? s : "Bayesian";
            var note = strategy switch
            {
                "Random" or "Grid" => null,
                "Bayesian" => "Bayesian tuning ran as Random search on this machine",
                "Hyperband" => "Hyperband tuning ran as Random search on this machine, without early stopping",
                _ => throw new ArgumentException($"HyperParameterTuningJobConfig.Strategy '{strategy}' is not Bayesian, Random, Grid or Hyperband"),
            };
            var objective = config.Member("HyperParameterTuningJobObjective");
            var type = objective.Member("Type").TryGetString(out var t) && t is "Minimize" or "Maximize"
                ? t : throw new ArgumentException("HyperParameterTuningJobObjective.Type must be Minimize or Maximize");
            var metric = objective.Member("MetricName").TryGetString(out var m)
                ? m : throw new ArgumentException("HyperParameterTuningJobObjective.MetricName is required");
            var metrics = JobSteps.Items(definition.Member("AlgorithmSpecification").Member("MetricDefinitions"))
                .Select(x => x.Member("Name").TryGetString(out var name) ? name : string.Empty).ToList();
            if (!metrics.Contains(metric))
            {
                var known = metrics.Count == 0 ? "none" : string.Join(", ", metrics);
                throw new ArgumentException($"the objective metric '{metric}' is not one of AlgorithmSpecification.MetricDefinitions ({known})");
            }

            var ranges = HyperParameterSampler.Read(config.Member("ParameterRanges"));
            var limits = config.Member("ResourceLimits");
            var maxJobs = Positive(limits.Member("MaxNumberOfTrainingJobs"), "ResourceLimits.MaxNumberOfTrainingJobs");
            var maxParallel = Positive(limits.Member("MaxParallelTrainingJobs"), "ResourceLimits.MaxParallelTrainingJobs") ?? 1;
            var count = strategy == "Grid"
                ? Math.Min(HyperParameterSampler.GridSize(ranges), maxJobs ?? long.MaxValue)
                : maxJobs ?? throw new ArgumentException($"ResourceLimits.MaxNumberOfTrainingJobs is required for {strategy} search");
            if (count > MaxTrials)
            {
                throw new ArgumentException($"the tuning job would run more than {MaxTrials} training jobs: lower ResourceLimits.MaxNumberOfTrainingJobs");
            }

            var random = new Random(config.Member("RandomSeed").TryGetInteger(out var seed) ? (int)seed : Hash(jobName));
            var points = strategy == "Grid"
                ? HyperParameterSampler.Grid(ranges).Take((int)count)
                : Enumerable.Range(0, (int)count).Select(_ => HyperParameterSampler.Sample(ranges, random));

            var statics = new OrderedDictionary<string, string>(StringComparer.Ordinal);
            if (definition.Member("StaticHyperParameters") is { ValueKind: JsonValueKind.Object } map)
            {
                foreach (var entry in map.EnumerateObject())
                {
                    statics[entry.Name] = Json.ToText(entry.Value);
                }
            }

            var trials = points.Select((values, i) => new Trial(i + 1, TrialName(jobName, i + 1), values)).ToList();
            return new Tuning(strategy, note, type, metric, Math.Max(1, Math.Min(maxParallel, machineJobs)), definition, statics, trials);
        }

        /// <summary>The trial's CreateTrainingJob request.</summary>
        public JsonElement ArgumentsOf(Trial trial)
        {
            var hyperParameters = new OrderedDictionary<string, string>(StaticHyperParameters, StringComparer.Ordinal);
            foreach (var (name, value) in trial.Values)
            {
                hyperParameters[name] = value;
            }

            var members = Definition.EnumerateObject()
                .Where(member => !TuningOnlyMembers.Contains(member.Name))
                .Select(member => (member.Name, member.Value.GetRawText()))
                .Append(("TrainingJobName", Json.Quote(trial.Name)))
                .Append(("HyperParameters", ObjectOf(hyperParameters.Select(p => (p.Key, Json.Quote(p.Value))))));
            return Json.Parse(ObjectOf(members));
        }

        /// <summary><c>{tuning job}-{nnn}-{8 hex}</c>, the tuning job's name shortened to keep it within 63 characters.</summary>
        private static string TrialName(string jobName, int number)
        {
            var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{jobName}/{number}")))[..8];
            var suffix = $"-{number:D3}-{hex}";
            var prefix = jobName.Length + suffix.Length <= MaxJobNameLength ? jobName : jobName[..(MaxJobNameLength - suffix.Length)].TrimEnd('-');
            return prefix + suffix;
        }

        /// <summary>A hash of a name that is the same in every process (string.GetHashCode is not).</summary>
        private static int Hash(string name) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

        private static int? Positive(JsonElement? value, string what)
        {
            if (value.IsNullOrMissing())
            {
                return null;
            }

            var text = Json.ToText(value!.Value);
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0
                ? number
                : throw new ArgumentException($"{what} must be a whole number above 0, not {value.Show()}");
        }
    }

    /// <summary>The tuning step's own log: one writer for trials that end at the same time.</summary>
    private sealed class TuningLog : IDisposable
    {
        private readonly Lock _lock = new();
        private readonly StreamWriter _writer;

        public TuningLog(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        }

        public void Line(string text)
        {
            lock (_lock)
            {
                _writer.WriteLine(text);
            }
        }

        /// <summary>Repeats a trial's output from <paramref name="offset"/> on, each line behind <paramref name="prefix"/>.</summary>
        public void Output(string trialLog, long offset, string prefix)
        {
            if (!File.Exists(trialLog))
            {
                return;
            }

            using var reader = new StreamReader(new FileStream(trialLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            reader.BaseStream.Seek(offset, SeekOrigin.Begin);
            lock (_lock)
            {
                while (reader.ReadLine() is { } line)
                {
                    _writer.WriteLine(prefix + line);
                }
            }
        }

        public void Dispose() => _writer.Dispose();
    }
}
