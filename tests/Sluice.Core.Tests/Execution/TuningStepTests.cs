using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sluice.Definitions;
using Sluice.Core.Execution;
using Sluice.Core.Steps;
using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Local;
using Sluice.Core.Storage;
using Sluice.Core.Tests.Support;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Execution;

/// <summary>Tuning steps: trials run as script-mode training jobs in the sandbox, ranked by their objective metric.</summary>
public sealed class TuningStepTests
{
    /// <summary>loss = 10 x + (1 unless kind is b) + rate; it writes its hyperparameters as its model, and fails or sleeps when told.</summary>
    private const string TrainScript = """
        import argparse, json, os, sys, time
        parser = argparse.ArgumentParser()
        parser.add_argument('--x', type=int, default=1)
        parser.add_argument('--rate', type=float, default=0.0)
        parser.add_argument('--kind', default='a')
        parser.add_argument('--sleep', type=float, default=0)
        parser.add_argument('--fail', default='no')
        args, _ = parser.parse_known_args()
        hps = json.loads(os.environ['SM_HPS'])
        json.dump(hps, open('/opt/ml/model/hps.json', 'w'))
        time.sleep(args.sleep)
        if args.fail == 'yes' or (args.fail == 'odd' and args.x % 2 == 1):
            sys.exit('told to fail')
        print('hyperparameters: ' + json.dumps(hps, sort_keys=True))
        if args.fail != 'nometric':
            print(f'loss: {10 * args.x + (0 if args.kind == "b" else 1) + args.rate}')
        """;

    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Run_GridSearch_RunsTheWholeProductBestFirst()
    {
        var counter = new CountingRunner();
        await using var harness = await CreateAsync(counter);
        var ranges = Ranges(integer: [Integer("x", 1, 3)], categorical: [Categorical("kind", "\"a\"", "\"b\"")]);

        var execution = await harness.RunAsync(Definition(Tuning("Tune", "Grid", "Minimize", ranges, maxJobs: 10, maxParallel: 3)));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded);
        var tune = await PropertiesAsync(harness, execution, "Tune");
        var jobName = $"pipelines-{execution.ExecutionId}-Tune";
        var summaries = tune["TrainingJobSummaries"]!.AsArray();
        summaries.Select(s => $"{s!["TunedHyperParameters"]!["x"]}/{s["TunedHyperParameters"]!["kind"]}")
            .ShouldBe(["1/\"b\"", "1/\"a\"", "2/\"b\"", "2/\"a\"", "3/\"b\"", "3/\"a\""]);
        summaries.Select(s => Objective(s!)).ShouldBe([10.0, 11.0, 20.0, 21.0, 30.0, 31.0]);
        summaries.ShouldAllBe(s => Regex.IsMatch(s!["TrainingJobName"]!.GetValue<string>(), $"^{jobName}-00[1-6]-[0-9a-f]{{8}}$"));
        summaries.ShouldAllBe(s => s!["TuningJobName"]!.GetValue<string>() == jobName && s["ObjectiveStatus"]!.GetValue<string>() == "Succeeded");
        var best = summaries[0]!["TrainingJobName"]!.GetValue<string>();
        tune["BestTrainingJob"]!["TrainingJobName"]!.GetValue<string>().ShouldBe(best);
        tune["BestTrainingJob"]!["TrainingJobArn"]!.GetValue<string>().ShouldBe($"arn:aws:sagemaker:us-east-1:000000000000:training-job/{best.ToLowerInvariant()}");
        tune["BestTrainingJob"]!["FinalHyperParameterTuningJobObjectiveMetric"]!.ToJsonString().ShouldBe("{\"Type\":\"Minimize\",\"MetricName\":\"loss\",\"Value\":10.0}");
        tune["HyperParameterTuningJobName"]!.GetValue<string>().ShouldBe(jobName);
        tune["HyperParameterTuningJobStatus"]!.GetValue<string>().ShouldBe("Completed");
        tune["HyperParameterTuningJobConfig"]!["Strategy"]!.GetValue<string>().ShouldBe("Grid");
        tune["TrainingJobDefinition"]!["StaticHyperParameters"]!["sagemaker_program"]!.GetValue<string>().ShouldBe("\"train.py\"");
        tune["TrainingJobStatusCounters"]!.ToJsonString().ShouldBe("{\"Completed\":6,\"InProgress\":0,\"RetryableError\":0,\"NonRetryableError\":0,\"Stopped\":0}");
        tune["ObjectiveStatusCounters"]!.ToJsonString().ShouldBe("{\"Succeeded\":6,\"Pending\":0,\"Failed\":0}");
        tune["SluiceNote"].ShouldBeNull();
        counter.MaxRunning.ShouldBe(3);
        ModelOf(harness, $"s3://bucket/models/{best}/output/model.tar.gz").ShouldBe("{\"x\": 1, \"kind\": \"b\"}", "the toolkit decodes JSON-encoded categorical values");
        var logs = Path.Combine(harness.DataDirectory, "logs", execution.ExecutionId);
        File.ReadAllText(Path.Combine(logs, "Tune", best + ".log")).ShouldContain("loss: 10.0");
        var stepLog = File.ReadAllText(Path.Combine(logs, "Tune.log"));
        stepLog.ShouldContain($"{best} started: x=1, kind=\"b\"");
        stepLog.ShouldContain("] loss: 31.0");
        stepLog.ShouldContain($"best training job {best} (loss = 10.0)");
        var trials = await harness.Store.ListTrialJobsAsync(jobName, TestContext.Current.CancellationToken);
        trials.Select(t => t.Name).Order(StringComparer.Ordinal).ShouldBe(summaries.Select(s => s!["TrainingJobName"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        trials.ShouldAllBe(t => t.Kind == JobKind.Training && t.Status == "Completed" && t.StepName == "Tune");
        var trial = JsonNode.Parse(trials.Single(t => t.Name == best).DescribeJson)!;
        trial["TuningJobArn"]!.GetValue<string>().ShouldBe($"arn:aws:sagemaker:us-east-1:000000000000:hyper-parameter-tuning-job/{jobName.ToLowerInvariant()}");
        trial["HyperParameters"]!["x"]!.GetValue<string>().ShouldBe("1");
        var tuningJob = (await harness.Store.GetJobAsync(JobKind.HyperParameterTuning, jobName, TestContext.Current.CancellationToken))!;
        tuningJob.Status.ShouldBe("Completed");
    }

    [Fact]
    public async Task Run_Maximize_DownstreamStepsReadTheBestJobAndItsModel()
    {
        await using var harness = await CreateAsync();
        var tuning = Tuning("Tune", "Grid", "Maximize", Ranges(integer: [Integer("x", 1, 4)]), maxJobs: 4, maxParallel: 2);
        var topModel = Join("/", "s3:/", "bucket", "models", Get("Steps.Tune.TrainingJobSummaries[0].TrainingJobName"), "output/model.tar.gz");
        var check = Condition("Good",
            Compare("GreaterThanOrEqualTo", Get("Steps.Tune.BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric.Value"), 41.0),
            [Fail("Report", topModel)], []);

        var execution = await harness.RunAsync(Definition(tuning, check));

        execution.Status.ShouldBe(ExecutionStatus.Failed, "the Fail step reports the best model");
        var summaries = (await PropertiesAsync(harness, execution, "Tune"))["TrainingJobSummaries"]!.AsArray();
        summaries.Select(s => Objective(s!)).ShouldBe([41.0, 31.0, 21.0, 11.0]);
        var best = summaries[0]!["TrainingJobName"]!.GetValue<string>();
        execution.FailureReason.ShouldBe($"s3://bucket/models/{best}/output/model.tar.gz");
        ModelOf(harness, execution.FailureReason!).ShouldBe("{\"x\": 4}");
    }

    [Fact]
    public async Task Run_BayesianSearch_SamplesEveryRangeOnItsScaleAsRandomSearch()
    {
        await using var harness = await CreateAsync();
        var ranges = Ranges(
            integer: [Integer("x", 1, 100, "Logarithmic"), Integer("depth", 2, 5)],
            continuous: [Continuous("rate", "0.0001", "1.0", "Logarithmic"), Continuous("momentum", "0.9", "0.999", "ReverseLogarithmic")],
            categorical: [Categorical("kind", "a", "b", "c")]);
        var tuning = Tuning("TuneTheModelWithAQuiteLongStepName", "Bayesian", "Minimize", ranges, maxJobs: 8, maxParallel: 4);
        tuning["Arguments"]!["HyperParameterTuningJobConfig"]!["RandomSeed"] = 7;
        var definition = Definition(tuning);

        var first = await harness.RunAsync(definition);
        var second = await harness.RunAsync(definition);

        first.Status.ShouldBe(ExecutionStatus.Succeeded);
        var tune = await PropertiesAsync(harness, first, "TuneTheModelWithAQuiteLongStepName");
        tune["HyperParameterTuningJobConfig"]!["Strategy"]!.GetValue<string>().ShouldBe("Bayesian");
        tune["SluiceNote"]!.GetValue<string>().ShouldBe("Bayesian tuning ran as Random search on this machine");
        var summaries = tune["TrainingJobSummaries"]!.AsArray().Select(s => s!).ToList();
        summaries.Count.ShouldBe(8);
        summaries.Select(Objective).ShouldBeInOrder(SortDirection.Ascending);
        summaries.ShouldAllBe(s => s["TrainingJobName"]!.GetValue<string>().Length <= 63);
        var tuned = summaries.Select(s => s["TunedHyperParameters"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>())).ToList();
        tuned.ShouldAllBe(t => Number(t["x"]) >= 1 && Number(t["x"]) <= 100 && Number(t["x"]) == Math.Floor(Number(t["x"])));
        tuned.ShouldAllBe(t => Number(t["depth"]) >= 2 && Number(t["depth"]) <= 5);
        tuned.ShouldAllBe(t => Number(t["rate"]) >= 0.0001 && Number(t["rate"]) <= 1.0);
        tuned.ShouldAllBe(t => Number(t["momentum"]) >= 0.9 && Number(t["momentum"]) <= 0.999);
        tuned.ShouldAllBe(t => t["kind"] == "a" || t["kind"] == "b" || t["kind"] == "c");
        var rates = tuned.Select(t => Number(t["rate"])).ToList();
        (rates.Max() / rates.Min()).ShouldBeGreaterThan(10, "log scaling spreads over orders of magnitude");
        var again = await PropertiesAsync(harness, second, "TuneTheModelWithAQuiteLongStepName");
        ByTrialNumber(again).ShouldBe(ByTrialNumber(tune), "the same RandomSeed picks the same values");
    }

    [Theory]
    [InlineData(2, 4, 2)]
    [InlineData(3, 1, 1)]
    public async Task Run_ParallelTrials_NeverMoreThanMaxParallelTrainingJobsOrTheMachineAllows(int maxParallel, int machineJobs, int expected)
    {
        var counter = new CountingRunner();
        await using var harness = await CreateAsync(counter, machineJobs);
        var tuning = Tuning("Tune", "Random", "Minimize", Ranges(integer: [Integer("x", 1, 9)]), maxJobs: 5, maxParallel, new JsonObject { ["sleep"] = "0.4" });

        var execution = await harness.RunAsync(Definition(tuning));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded);
        counter.Started.ShouldBe(5);
        counter.MaxRunning.ShouldBe(expected);
    }

    [Fact]
    public async Task Run_SomeTrialsFail_SucceedsWithTheRestRankedFirst()
    {
        await using var harness = await CreateAsync();
        var tuning = Tuning("Tune", "Grid", "Minimize", Ranges(integer: [Integer("x", 1, 4)]), maxJobs: 4, maxParallel: 2, new JsonObject { ["fail"] = "odd" });

        var execution = await harness.RunAsync(Definition(tuning));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded);
        var tune = await PropertiesAsync(harness, execution, "Tune");
        var summaries = tune["TrainingJobSummaries"]!.AsArray().Select(s => s!).ToList();
        summaries.Select(s => s["TunedHyperParameters"]!["x"]!.GetValue<string>()).ShouldBe(["2", "4", "1", "3"]);
        summaries.Select(s => s["TrainingJobStatus"]!.GetValue<string>()).ShouldBe(["Completed", "Completed", "Failed", "Failed"]);
        summaries.Select(s => s["ObjectiveStatus"]!.GetValue<string>()).ShouldBe(["Succeeded", "Succeeded", "Failed", "Failed"]);
        summaries[2]["FailureReason"]!.GetValue<string>().ShouldStartWith("AlgorithmError: told to fail");
        summaries[2]["FinalHyperParameterTuningJobObjectiveMetric"].ShouldBeNull();
        tune["TrainingJobStatusCounters"]!["NonRetryableError"]!.GetValue<int>().ShouldBe(2);
        tune["ObjectiveStatusCounters"]!["Failed"]!.GetValue<int>().ShouldBe(2);
    }

    [Theory]
    [InlineData("yes", "AlgorithmError: told to fail")]
    [InlineData("nometric", "the objective metric 'loss' was not found in the job's log")]
    public async Task Run_NoTrialReportsTheObjective_FailsNamingTheFirstFailure(string fail, string firstReason)
    {
        await using var harness = await CreateAsync();
        var tuning = Tuning("Tune", "Random", "Minimize", Ranges(integer: [Integer("x", 1, 9)]), maxJobs: 3, maxParallel: 3, new JsonObject { ["fail"] = fail });

        var execution = await harness.RunAsync(Definition(tuning));

        execution.Status.ShouldBe(ExecutionStatus.Failed);
        var step = (await harness.StepsAsync(execution.Arn)).Single();
        step.FailureReason.ShouldNotBeNull().ShouldStartWith($"No training job succeeded: 3 of 3 failed; the first, pipelines-{execution.ExecutionId}-Tune-001-");
        step.FailureReason.ShouldContain($"failed with: {firstReason}");
        step.MetadataJson.ShouldBe($"{{\"TuningJob\": {{\"Arn\": \"arn:aws:sagemaker:us-east-1:000000000000:hyper-parameter-tuning-job/pipelines-{execution.ExecutionId}-tune\"}}}}");
    }

    [Theory]
    [InlineData("grid-continuous", "ClientError: Grid search cannot enumerate the continuous range 'rate': use a Categorical or Integer range, or another strategy")]
    [InlineData("unknown-metric", "ClientError: the objective metric 'accuracy' is not one of AlgorithmSpecification.MetricDefinitions (loss)")]
    [InlineData("log-from-zero", "ClientError: range 'rate': Logarithmic scaling needs a range above 0")]
    [InlineData("no-max-jobs", "ClientError: ResourceLimits.MaxNumberOfTrainingJobs is required for Random search")]
    public async Task Run_InvalidTuningRequest_FailsAsAClientErrorWithoutTrials(string problem, string reason)
    {
        var counter = new CountingRunner();
        await using var harness = await CreateAsync(counter);
        var ranges = Ranges(continuous: [Continuous("rate", problem == "log-from-zero" ? "0" : "0.1", "1", "Logarithmic")]);
        var tuning = Tuning("Tune", problem == "grid-continuous" ? "Grid" : "Random", "Minimize", ranges, maxJobs: 4, maxParallel: 2);
        var config = tuning["Arguments"]!["HyperParameterTuningJobConfig"]!;
        if (problem == "unknown-metric")
        {
            config["HyperParameterTuningJobObjective"]!["MetricName"] = "accuracy";
        }

        if (problem == "no-max-jobs")
        {
            config["ResourceLimits"]!.AsObject().Remove("MaxNumberOfTrainingJobs");
        }

        var execution = await harness.RunAsync(Definition(tuning));

        execution.Status.ShouldBe(ExecutionStatus.Failed);
        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldBe(reason);
        counter.Started.ShouldBe(0);
    }

    [Fact]
    public async Task Stop_RunningTrials_StopsThemAndStartsNoMore()
    {
        var counter = new CountingRunner();
        await using var harness = await CreateAsync(counter);
        var tuning = Tuning("Tune", "Random", "Minimize", Ranges(integer: [Integer("x", 1, 9)]), maxJobs: 6, maxParallel: 2, new JsonObject { ["sleep"] = "60" });
        var execution = await harness.StartAsync(Definition(tuning));
        await harness.Until(() => counter.Running == 2);

        await harness.Engine.StopExecutionAsync(execution.Arn, TestContext.Current.CancellationToken);
        var final = await harness.WaitAsync(execution.Arn);

        final.Status.ShouldBe(ExecutionStatus.Stopped);
        (await harness.StepsAsync(execution.Arn)).Single().Status.ShouldBe(StepStatus.Stopped);
        counter.Started.ShouldBe(2);
        counter.Results.ShouldAllBe(r => r is StepResult.Stopped);
    }

    private static async Task<EngineHarness> CreateAsync(CountingRunner? counter = null, int maxJobs = 4)
    {
        var registry = StepRunnerRegistry.CreateDefault(Http);
        var sandbox = new SandboxJobHost(TimeProvider.System, TimeSpan.FromSeconds(10));
        var training = new TrainingStepRunner(sandbox);
        registry.Register(StepType.Tuning, counter is null ? new TuningStepRunner(sandbox) : new TuningStepRunner(counter.Wrap(training)));
        var harness = await EngineHarness.CreateAsync(runners: registry, maxJobs: maxJobs);
        harness.Put("s3://bucket/data/train/data.csv", "1\n2\n3\n");
        harness.PackTarGz("s3://bucket/code/sourcedir.tar.gz", ("train.py", TrainScript));
        return harness;
    }

    private static JsonObject Tuning(string name, string strategy, string objective, JsonObject ranges, int maxJobs, int maxParallel, JsonObject? hyperParameters = null)
    {
        var statics = new JsonObject
        {
            ["sagemaker_program"] = "\"train.py\"",
            ["sagemaker_submit_directory"] = "\"s3://bucket/code/sourcedir.tar.gz\"",
            ["sagemaker_container_log_level"] = "20",
            ["sagemaker_region"] = "\"us-east-1\"",
            ["sagemaker_estimator_class_name"] = "\"SKLearn\"",
            ["sagemaker_estimator_module"] = "\"sagemaker.sklearn.estimator\"",
        };
        foreach (var (key, value) in hyperParameters ?? new JsonObject())
        {
            statics[key] = value!.DeepClone();
        }

        return new JsonObject
        {
            ["Name"] = name,
            ["Type"] = "Tuning",
            ["Arguments"] = new JsonObject
            {
                ["HyperParameterTuningJobConfig"] = new JsonObject
                {
                    ["Strategy"] = strategy,
                    ["ResourceLimits"] = new JsonObject { ["MaxNumberOfTrainingJobs"] = maxJobs, ["MaxParallelTrainingJobs"] = maxParallel },
                    ["TrainingJobEarlyStoppingType"] = "Off",
                    ["HyperParameterTuningJobObjective"] = new JsonObject { ["Type"] = objective, ["MetricName"] = "loss" },
                    ["ParameterRanges"] = ranges,
                },
                ["TrainingJobDefinition"] = new JsonObject
                {
                    ["StaticHyperParameters"] = statics,
                    ["RoleArn"] = "arn:aws:iam::111122223333:role/SageMakerRole",
                    ["OutputDataConfig"] = new JsonObject { ["S3OutputPath"] = "s3://bucket/models" },
                    ["StoppingCondition"] = new JsonObject { ["MaxRuntimeInSeconds"] = 600 },
                    ["ResourceConfig"] = new JsonObject { ["VolumeSizeInGB"] = 30, ["InstanceCount"] = 1, ["InstanceType"] = "ml.m5.xlarge" },
                    ["AlgorithmSpecification"] = new JsonObject
                    {
                        ["TrainingImage"] = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
                        ["TrainingInputMode"] = "File",
                        ["MetricDefinitions"] = new JsonArray(new JsonObject { ["Name"] = "loss", ["Regex"] = "loss: ([0-9\\.]+)" }),
                    },
                    ["InputDataConfig"] = new JsonArray(new JsonObject
                    {
                        ["DataSource"] = new JsonObject { ["S3DataSource"] = new JsonObject { ["S3DataType"] = "S3Prefix", ["S3Uri"] = "s3://bucket/data/train", ["S3DataDistributionType"] = "FullyReplicated" } },
                        ["ChannelName"] = "train",
                    }),
                },
            },
        };
    }

    /// <summary>ParameterRanges as the SDK writes them: all three lists, empty ones included.</summary>
    private static JsonObject Ranges(JsonObject[]? integer = null, JsonObject[]? continuous = null, JsonObject[]? categorical = null) => new()
    {
        ["ContinuousParameterRanges"] = new JsonArray([.. continuous ?? []]),
        ["CategoricalParameterRanges"] = new JsonArray([.. categorical ?? []]),
        ["IntegerParameterRanges"] = new JsonArray([.. integer ?? []]),
    };

    private static JsonObject Integer(string name, int min, int max, string scaling = "Auto") => new()
    {
        ["Name"] = name,
        ["MinValue"] = min.ToString(CultureInfo.InvariantCulture),
        ["MaxValue"] = max.ToString(CultureInfo.InvariantCulture),
        ["ScalingType"] = scaling,
    };

    private static JsonObject Continuous(string name, string min, string max, string scaling = "Auto") =>
        new() { ["Name"] = name, ["MinValue"] = min, ["MaxValue"] = max, ["ScalingType"] = scaling };

    private static JsonObject Categorical(string name, params string[] values) =>
        new() { ["Name"] = name, ["Values"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };

    private static async Task<JsonNode> PropertiesAsync(EngineHarness harness, ExecutionRecord execution, string step) =>
        JsonNode.Parse((await harness.StepsAsync(execution.Arn)).Single(s => s.StepName == step).PropertiesJson!)!;

    private static double Objective(JsonNode summary) => summary["FinalHyperParameterTuningJobObjectiveMetric"]!["Value"]!.GetValue<double>();

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Each trial's tuned values by its number (the <c>nnn</c> in its name).</summary>
    private static Dictionary<string, string> ByTrialNumber(JsonNode tune) => tune["TrainingJobSummaries"]!.AsArray().ToDictionary(
        s => s!["TrainingJobName"]!.GetValue<string>().Split('-')[^2],
        s => s!["TunedHyperParameters"]!.ToJsonString());

    private static string ModelOf(EngineHarness harness, string uri)
    {
        var target = Directory.CreateTempSubdirectory("sluice-model-").FullName;
        try
        {
            using (var file = File.OpenRead(harness.Engine.Objects.PathOf(uri)))
            using (var gzip = new GZipStream(file, CompressionMode.Decompress))
            {
                TarFile.ExtractToDirectory(gzip, target, overwriteFiles: true);
            }

            return File.ReadAllText(Path.Combine(target, "hps.json"));
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    /// <summary>Counts the trials the tuning runner runs at once, on the C# side (the sandbox lets trials share nothing).</summary>
    private sealed class CountingRunner
    {
        private readonly Lock _lock = new();
        private readonly List<StepResult> _results = [];
        private int _running;
        private int _maxRunning;
        private int _started;

        public int Running => Volatile.Read(ref _running);

        public int MaxRunning => Volatile.Read(ref _maxRunning);

        public int Started => Volatile.Read(ref _started);

        public IReadOnlyList<StepResult> Results
        {
            get
            {
                lock (_lock)
                {
                    return [.. _results];
                }
            }
        }

        public IStepRunner Wrap(IStepRunner inner) => new Counted(this, inner);

        private sealed class Counted(CountingRunner counter, IStepRunner inner) : IStepRunner
        {
            public bool UsesJobSlot => inner.UsesJobSlot;

            public async Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref counter._started);
                var running = Interlocked.Increment(ref counter._running);
                lock (counter._lock)
                {
                    counter._maxRunning = Math.Max(counter._maxRunning, running);
                }

                try
                {
                    var result = await inner.RunAsync(context, cancellationToken);
                    lock (counter._lock)
                    {
                        counter._results.Add(result);
                    }

                    return result;
                }
                finally
                {
                    Interlocked.Decrement(ref counter._running);
                }
            }
        }
    }
}
