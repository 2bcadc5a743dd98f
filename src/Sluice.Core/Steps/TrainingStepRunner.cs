using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sluice.Core.Execution;
using Sluice.Core.Jobs;
using Sluice.Core.Storage;
using Sluice.Definitions.Json;

namespace Sluice.Core.Steps;

/// <summary>
/// Runs a Training step in script mode, as the SageMaker training toolkit does: <c>sagemaker_submit_directory</c> (a
/// tar.gz in the object store) is unpacked to <c>/opt/ml/code</c>, <c>sagemaker_program</c> runs there with the user
/// hyperparameters as <c>--name value</c> arguments, channels are at <c>/opt/ml/input/data/&lt;channel&gt;</c>, the
/// config files are under <c>/opt/ml/input/config</c> and the <c>SM_*</c> environment is set. On success
/// <c>/opt/ml/model</c> becomes <c>{S3OutputPath}/{job}/output/model.tar.gz</c> and <c>/opt/ml/output/data</c>
/// <c>output.tar.gz</c>; MetricDefinitions' regular expressions over the log fill FinalMetricDataList.
/// </summary>
/// <param name="jobs">Where jobs run.</param>
public sealed class TrainingStepRunner(IJobHost jobs) : IStepRunner
{
    /// <summary>The first host of a training job, as SM_CURRENT_HOST names it; the model is uploaded from its /opt/ml/model.</summary>
    internal const string Host = JobInstances.FirstHost;

    /// <inheritdoc />
    public bool UsesJobSlot => true;

    /// <inheritdoc />
    public async Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken)
    {
        if (await JobRun.LostAsync(jobs, context, cancellationToken) is { } lost)
        {
            return lost;
        }

        var jobName = context.Arguments.Member("TrainingJobName").TryGetString(out var given) ? given : context.JobName;
        var arn = JobSteps.Arn(context, "training-job", jobName);
        return await JobRecorder.RecordAsync(context, JobKind.Training, jobName, arn, () => RunJobAsync(context, jobName, arn, cancellationToken), cancellationToken);
    }

    private async Task<StepResult> RunJobAsync(StepRunContext context, string jobName, string arn, CancellationToken cancellationToken)
    {
        var arguments = context.Arguments;
        var metadata = Json.Parse("{\"TrainingJob\": {\"Arn\": " + Json.Quote(arn) + "}}");
        StepResult Fail(string reason) => new StepResult.Failed(reason, null) { Metadata = metadata };

        if (TrainingPlan.For(context) is not { } plan)
        {
            var image = arguments.Member("AlgorithmSpecification").Member("TrainingImage").TryGetString(out var uri) ? uri : "(no TrainingImage)";
            return Fail($"image '{image}' has no command to run on this machine: train in script mode (the sagemaker_program and sagemaker_submit_directory hyperparameters an Estimator with entry_point sets), or map the image to a local command under images: in {context.Configuration.Source ?? Configuration.ConfigurationLoader.DefaultFileName}");
        }

        var started = context.Time.GetUtcNow();
        var layout = JobLayout.For(context);
        List<TrainingChannel> channels;
        List<string> hosts;
        try
        {
            channels = TrainingChannel.All(arguments);
            hosts = JobInstances.Names(JobInstances.CountOf(arguments));
            if (JobRun.Saved(context) is null)
            {
                await StageAsync(context, layout, plan, channels, hosts, cancellationToken);
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException or InvalidDataException or JsonException)
        {
            return Fail($"ClientError: {e.Message}");
        }

        var job = new JobSpec
        {
            Command = plan.Command,
            JobDirectory = layout.JobDirectory,
            LogFile = layout.LogFile,
            WorkingDirectory = "/opt/ml/code",
            Environment = TrainingEnvironment(arguments, plan, [.. channels.Select(c => c.Name)], jobName, Host, hosts),
            MaxRuntime = JobSteps.MaxRuntimeOf(arguments),
            Isolation = JobIsolation.For(context, arguments, plan.Command),
            InstanceType = JobSteps.InstanceTypeOf(arguments),
        };
        job = job with
        {
            OtherHosts = [.. hosts.Skip(1).Select(host => job with
            {
                JobDirectory = JobInstances.DirectoryOf(layout.JobDirectory, host),
                HostName = host,
                Environment = TrainingEnvironment(arguments, plan, [.. channels.Select(c => c.Name)], jobName, host, hosts),
            })],
        };

        // Metrics are read from this attempt's part of the step's log; a re-attached job's part began in an earlier process.
        var logStart = JobRun.Saved(context) is null && File.Exists(layout.LogFile) ? new FileInfo(layout.LogFile).Length : 0;
        var outcome = await JobRun.RunAsync(jobs, context, job, cancellationToken);
        if (outcome.Stopped)
        {
            return new StepResult.Stopped { Metadata = metadata };
        }

        if (!outcome.Succeeded)
        {
            return Fail(FailureOf(outcome, layout, job));
        }

        var outputPath = arguments.Member("OutputDataConfig").Member("S3OutputPath").TryGetString(out var o) ? o.TrimEnd('/') : null;
        if (outputPath is null)
        {
            return Fail("ClientError: OutputDataConfig.S3OutputPath is required to store the model");
        }

        var modelUri = $"{outputPath}/{jobName}/output/model.tar.gz";
        try
        {
            await PackAsync(context, layout.HostPath("/opt/ml/model"), modelUri, cancellationToken);
            await PackAsync(context, layout.HostPath("/opt/ml/output/data"), $"{outputPath}/{jobName}/output/output.tar.gz", cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            return Fail($"ClientError: {e.Message}");
        }

        var ended = context.Time.GetUtcNow();
        return new StepResult.Succeeded(Describe(context, jobName, arn, modelUri, Metrics(arguments, layout.LogFile, logStart, ended), started, ended)) { Metadata = metadata };
    }

    /// <summary>
    /// Stages the job's folder as the training toolkit expects it: the code unpacked to /opt/ml/code, each channel under
    /// /opt/ml/input/data, the model and output folders, and the config files.
    /// </summary>
    /// <remarks>
    /// A job of several instances gets a copy of the staged folder for each other instance, whose resourceconfig.json
    /// names it as the current host.
    /// </remarks>
    private static async Task StageAsync(
        StepRunContext context, JobLayout layout, TrainingPlan plan, List<TrainingChannel> channels, List<string> hosts, CancellationToken cancellationToken)
    {
        if (plan.SubmitDirectory is { } submitDirectory)
        {
            await JobSteps.UnpackAsync(context, submitDirectory, Path.Combine(layout.JobDirectory, "code"), "sagemaker_submit_directory", cancellationToken);
        }
        else
        {
            Directory.CreateDirectory(Path.Combine(layout.JobDirectory, "code"));
        }

        foreach (var channel in channels)
        {
            var target = layout.HostPath($"/opt/ml/input/data/{channel.Name}");
            _ = channel.DataType switch
            {
                "S3Prefix" => await context.Objects.DownloadPrefixAsync(channel.Source, target, cancellationToken),
                "ManifestFile" => await context.Objects.DownloadManifestAsync(channel.Source, target, cancellationToken),
                _ => throw new NotSupportedException($"channel '{channel.Name}': S3DataType {channel.DataType} is not supported; use S3Prefix or ManifestFile"),
            };
        }

        foreach (var folder in new[] { "/opt/ml/model", "/opt/ml/output/data", "/opt/ml/input/config" })
        {
            Directory.CreateDirectory(layout.HostPath(folder));
        }

        await WriteConfigAsync(layout, context.Arguments, plan.HyperParameters, hosts, cancellationToken);
        foreach (var host in hosts.Skip(1))
        {
            var directory = JobInstances.DirectoryOf(layout.JobDirectory, host);
            JobInstances.Replicate(layout.JobDirectory, directory);
            await File.WriteAllTextAsync(
                new JobLayout(directory, layout.LogFile).HostPath("/opt/ml/input/config/resourceconfig.json"),
                JobInstances.ResourceConfig(host, hosts, training: true),
                cancellationToken);
        }

        // Once every copy is made from algo-1's whole channel, each instance keeps its share of a ShardedByS3Key channel.
        foreach (var channel in channels.Where(c => c.Distribution == JobInstances.ShardedByS3Key && hosts.Count > 1))
        {
            for (var index = 0; index < hosts.Count; index++)
            {
                var instance = new JobLayout(JobInstances.DirectoryOf(layout.JobDirectory, hosts[index]), layout.LogFile);
                JobInstances.Shard(instance.HostPath($"/opt/ml/input/data/{channel.Name}"), index, hosts.Count);
            }
        }
    }

    /// <summary>
    /// Why a training job failed: the first 1,024 characters of /opt/ml/output/failure as SageMaker keeps them (read no
    /// further, and never through a link), or the outcome's own description.
    /// </summary>
    private static string FailureOf(JobOutcome outcome, JobLayout layout, JobSpec job)
    {
        string? failure;
        try
        {
            var directory = JobInstances.DirectoryOf(layout.JobDirectory, outcome.FailedHost ?? Host);
            failure = outcome.LimitExceeded is null ? JobFiles.ReadSmallText(directory, "output/failure", 4096)?.Trim() : null;
        }
        catch (UnsafeJobFileException e)
        {
            return $"ClientError: {e.Message}";
        }

        return failure is { Length: > 0 }
            ? $"AlgorithmError: {(failure.Length > 1024 ? failure[..1024] : failure)}"
            : outcome.Describe(job.MaxRuntime);
    }

    /// <summary>The DescribeTrainingJob answer of a completed job.</summary>
    private static JsonElement Describe(
        StepRunContext context, string jobName, string arn, string modelUri, string metrics, DateTimeOffset started, DateTimeOffset ended) =>
        JobSteps.Describe(context.Arguments, "TrainingJobName", [
            ("TrainingJobName", Json.Quote(jobName)),
            ("TrainingJobArn", Json.Quote(arn)),
            ("ModelArtifacts", "{\"S3ModelArtifacts\": " + Json.Quote(modelUri) + "}"),
            ("TrainingJobStatus", "\"Completed\""),
            ("SecondaryStatus", "\"Completed\""),
            ("FinalMetricDataList", metrics),
            ("CreationTime", JobSteps.Seconds(started)),
            ("TrainingStartTime", JobSteps.Seconds(started)),
            ("TrainingEndTime", JobSteps.Seconds(ended)),
            ("LastModifiedTime", JobSteps.Seconds(ended)),
            ("TrainingTimeInSeconds", ((int)(ended - started).TotalSeconds).ToString(CultureInfo.InvariantCulture)),
            ("BillableTimeInSeconds", "0"),
            .. context.TuningJobArn is { } tuningJobArn ? [("TuningJobArn", Json.Quote(tuningJobArn))] : Array.Empty<(string, string)>(),
        ]);

    /// <summary>The hyperparameters as written: JSON-encoded strings, as the SDK sends them.</summary>
    internal static Dictionary<string, string> HyperParameters(JsonElement arguments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (arguments.Member("HyperParameters") is { ValueKind: JsonValueKind.Object } map)
        {
            foreach (var entry in map.EnumerateObject())
            {
                values[entry.Name] = Json.ToText(entry.Value);
            }
        }

        return values;
    }

    /// <summary>A hyperparameter's value as the toolkit decodes it: JSON when it parses (<c>"\"train.py\""</c> is <c>train.py</c>), else as written.</summary>
    internal static string Decode(string value)
    {
        try
        {
            return Json.ToText(Json.Parse(value));
        }
        catch (JsonException)
        {
            return value;
        }
    }

    /// <summary>Packs a folder as a tar.gz object; an empty folder writes nothing, as SageMaker uploads no empty output.</summary>
    private static async Task PackAsync(StepRunContext context, string directory, string s3Uri, CancellationToken cancellationToken)
    {
        var files = JobFiles.RegularFiles(directory);
        if (files.Count == 0)
        {
            return;
        }

        await using var target = await context.Objects.OpenWriteAsync(s3Uri, cancellationToken);
        await using var gzip = new GZipStream(target, CompressionLevel.Fastest);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var entry in files)
        {
            await tar.WriteEntryAsync(entry, Path.GetRelativePath(directory, entry), cancellationToken);
        }
    }

    private static async Task WriteConfigAsync(
        JobLayout layout, JsonElement arguments, Dictionary<string, string> hyperparameters, List<string> hosts, CancellationToken cancellationToken)
    {
        var config = layout.HostPath("/opt/ml/input/config");
        var hyper = new StringBuilder("{");
        hyper.AppendJoin(", ", hyperparameters.Select(p => Json.Quote(p.Key) + ": " + Json.Quote(p.Value)));
        await File.WriteAllTextAsync(Path.Combine(config, "hyperparameters.json"), hyper.Append('}').ToString(), cancellationToken);

        var inputMode = arguments.Member("AlgorithmSpecification").Member("TrainingInputMode").TryGetString(out var mode) ? mode : "File";
        var channels = new StringBuilder("{");
        channels.AppendJoin(", ", JobSteps.Items(arguments.Member("InputDataConfig")).Select(c =>
        {
            var name = c.Member("ChannelName").TryGetString(out var n) ? n : string.Empty;
            var contentType = c.Member("ContentType").TryGetString(out var t) ? Json.Quote(t) : "null";
            return $"{Json.Quote(name)}: {{\"ContentType\": {contentType}, \"TrainingInputMode\": {Json.Quote(inputMode)}, \"S3DistributionType\": \"FullyReplicated\", \"RecordWrapperType\": \"None\"}}";
        }));
        await File.WriteAllTextAsync(Path.Combine(config, "inputdataconfig.json"), channels.Append('}').ToString(), cancellationToken);
        await File.WriteAllTextAsync(
            Path.Combine(config, "resourceconfig.json"),
            JobInstances.ResourceConfig(Host, hosts, training: true),
            cancellationToken);
    }

    private static Dictionary<string, string> TrainingEnvironment(
        JsonElement arguments, TrainingPlan plan, List<string> channels, string jobName, string current, List<string> hosts)
    {
        var hostList = JobInstances.HostList(hosts);
        var (user, entryPoint, submitDirectory) = (plan.User, plan.EntryPoint, plan.SubmitDirectory ?? string.Empty);
        var environment = JobSteps.EnvironmentOf(arguments);
        var hps = "{" + string.Join(", ", user.Select(p => Json.Quote(p.Key) + ": " + JsonValue(Decode(p.Value)))) + "}";
        var channelList = "[" + string.Join(", ", channels.Select(Json.Quote)) + "]";
        var cpus = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        environment["SM_MODEL_DIR"] = "/opt/ml/model";
        environment["SM_INPUT_DIR"] = "/opt/ml/input";
        environment["SM_INPUT_CONFIG_DIR"] = "/opt/ml/input/config";
        environment["SM_OUTPUT_DIR"] = "/opt/ml/output";
        environment["SM_OUTPUT_DATA_DIR"] = "/opt/ml/output/data";
        environment["SM_CHANNELS"] = channelList;
        environment["SM_HPS"] = hps;
        environment["SM_NUM_CPUS"] = cpus;
        environment["SM_NUM_GPUS"] = "0";
        environment["SM_CURRENT_HOST"] = current;
        environment["SM_HOSTS"] = hostList;
        environment["SM_NETWORK_INTERFACE_NAME"] = "eth0";
        environment["SM_USER_ENTRY_POINT"] = entryPoint;
        environment["SM_MODULE_NAME"] = Path.GetFileNameWithoutExtension(entryPoint);
        environment["SM_MODULE_DIR"] = submitDirectory;
        environment["SM_USER_ARGS"] = "[" + string.Join(", ", user.SelectMany(p => new[] { Json.Quote("--" + p.Key), Json.Quote(Decode(p.Value)) })) + "]";
        environment["SM_LOG_LEVEL"] = "20";
        environment["SM_TRAINING_ENV"] =
            $"{{\"job_name\": {Json.Quote(jobName)}, \"hyperparameters\": {hps}, \"channel_input_dirs\": {{{string.Join(", ", channels.Select(c => Json.Quote(c) + ": " + Json.Quote("/opt/ml/input/data/" + c)))}}}, " +
            $"\"model_dir\": \"/opt/ml/model\", \"output_data_dir\": \"/opt/ml/output/data\", \"current_host\": {Json.Quote(current)}, \"hosts\": {hostList}, \"master_hostname\": {Json.Quote(hosts[0])}, \"num_cpus\": {cpus}, \"num_gpus\": 0, \"user_entry_point\": {Json.Quote(entryPoint)}}}";
        environment["PYTHONUNBUFFERED"] = "1";
        foreach (var (name, value) in user)
        {
            environment["SM_HP_" + name.ToUpperInvariant()] = Decode(value);
        }

        foreach (var channel in channels)
        {
            environment["SM_CHANNEL_" + channel.ToUpperInvariant()] = "/opt/ml/input/data/" + channel;
        }

        return environment;
    }

    /// <summary>A decoded hyperparameter as a JSON value: numbers and booleans as they are, anything else as a string.</summary>
    private static string JsonValue(string decoded)
    {
        try
        {
            var parsed = Json.Parse(decoded);
            return parsed.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Object or JsonValueKind.Array
                ? parsed.GetRawText()
                : Json.Quote(decoded);
        }
        catch (JsonException)
        {
            return Json.Quote(decoded);
        }
    }

    /// <summary>FinalMetricDataList: for each MetricDefinition, the last value its regular expression captured in this attempt's log.</summary>
    private static string Metrics(JsonElement arguments, string logFile, long logStart, DateTimeOffset time)
    {
        var definitions = JobSteps.Items(arguments.Member("AlgorithmSpecification").Member("MetricDefinitions"));
        if (definitions.Count == 0 || !File.Exists(logFile))
        {
            return "[]";
        }

        using var stream = File.OpenRead(logFile);
        stream.Seek(logStart, SeekOrigin.Begin);
        var log = new StreamReader(stream).ReadToEnd();
        var found = new List<string>();
        foreach (var definition in definitions)
        {
            if (!definition.Member("Name").TryGetString(out var name) || !definition.Member("Regex").TryGetString(out var pattern))
            {
                continue;
            }

            var last = Regex.Matches(log, pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(5))
                .Select(m => m.Groups.Count > 1 ? m.Groups[1].Value : m.Value)
                .LastOrDefault(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            if (last is not null)
            {
                var value = double.Parse(last, NumberStyles.Float, CultureInfo.InvariantCulture);
                found.Add($"{{\"MetricName\": {Json.Quote(name)}, \"Value\": {Definitions.DefinitionWriter.PythonFloat(value)}, \"Timestamp\": {JobSteps.Seconds(time)}}}");
            }
        }

        return "[" + string.Join(", ", found) + "]";
    }
}
