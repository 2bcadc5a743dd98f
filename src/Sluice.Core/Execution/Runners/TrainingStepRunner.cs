using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sluice.Core.Jobs;
using Sluice.Core.Storage;

namespace Sluice.Core.Execution.Runners;

/// <summary>
/// Runs a Training step in script mode, as the SageMaker training toolkit does: <c>sagemaker_submit_directory</c> (a
/// tar.gz in the object store) is unpacked to <c>/opt/ml/code</c>, <c>sagemaker_program</c> runs there with the user
/// hyperparameters as <c>--name value</c> arguments, channels are at <c>/opt/ml/input/data/&lt;channel&gt;</c>, the
/// config files are under <c>/opt/ml/input/config</c> and the <c>SM_*</c> environment is set. On success
/// <c>/opt/ml/model</c> becomes <c>{S3OutputPath}/{job}/output/model.tar.gz</c> and <c>/opt/ml/output/data</c>
/// <c>output.tar.gz</c>; MetricDefinitions' regular expressions over the log fill FinalMetricDataList.
/// </summary>
/// <param name="sandbox">Where jobs run.</param>
public sealed class TrainingStepRunner(JobSandbox sandbox) : IStepRunner
{
    private const string Host = "algo-1";

    /// <inheritdoc />
    public bool UsesJobSlot => true;

    /// <inheritdoc />
    public Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken)
    {
        var jobName = context.Arguments.Member("TrainingJobName").TryGetString(out var given) ? given : context.JobName;
        var arn = JobSteps.Arn(context, "training-job", jobName);
        return JobRecorder.RecordAsync(context, JobKind.Training, jobName, arn, () => RunJobAsync(context, jobName, arn, cancellationToken), cancellationToken);
    }

    private async Task<StepResult> RunJobAsync(StepRunContext context, string jobName, string arn, CancellationToken cancellationToken)
    {
        var arguments = context.Arguments;
        var metadata = Json.Parse("{\"TrainingJob\": {\"Arn\": " + Json.Quote(arn) + "}}");
        StepResult Fail(string reason) => new StepResult.Failed(reason, null) { Metadata = metadata };

        var hyperparameters = HyperParameters(arguments);
        var image = arguments.Member("AlgorithmSpecification").Member("TrainingImage").TryGetString(out var uri) ? uri : "(no TrainingImage)";
        var imageCommand = context.Configuration.FindImageCommand(image);
        var scriptMode = hyperparameters.TryGetValue("sagemaker_program", out var program) & hyperparameters.TryGetValue("sagemaker_submit_directory", out var submitDirectory);
        if (!scriptMode && imageCommand is null)
        {
            return Fail($"image '{image}' has no command to run on this machine: train in script mode (the sagemaker_program and sagemaker_submit_directory hyperparameters an Estimator with entry_point sets), or map the image to a local command under images: in {context.Configuration.Source ?? Configuration.ConfigurationLoader.DefaultFileName}");
        }

        var started = context.Time.GetUtcNow();
        var layout = JobLayout.For(context);
        var channels = new List<string>();
        try
        {
            if (scriptMode)
            {
                JobSteps.Unpack(context, Decode(submitDirectory!), Path.Combine(layout.JobDirectory, "code"), "sagemaker_submit_directory");
            }
            else
            {
                Directory.CreateDirectory(Path.Combine(layout.JobDirectory, "code"));
            }

            foreach (var channel in JobSteps.Items(arguments.Member("InputDataConfig")))
            {
                var name = channel.Member("ChannelName").TryGetString(out var n) ? n : throw new ArgumentException("every InputDataConfig channel needs a ChannelName");
                var source = channel.Member("DataSource").Member("S3DataSource").Member("S3Uri").TryGetString(out var s)
                    ? s : throw new NotSupportedException($"channel '{name}': only S3DataSource channels can be read on this machine");
                var dataType = channel.Member("DataSource").Member("S3DataSource").Member("S3DataType").TryGetString(out var t) ? t : "S3Prefix";
                var target = layout.HostPath($"/opt/ml/input/data/{name}");
                _ = dataType switch
                {
                    "S3Prefix" => context.Objects.DownloadPrefix(source, target),
                    "ManifestFile" => context.Objects.DownloadManifest(source, target),
                    _ => throw new NotSupportedException($"channel '{name}': S3DataType {dataType} is not supported; use S3Prefix or ManifestFile"),
                };
                channels.Add(name);
            }

            foreach (var folder in new[] { "/opt/ml/model", "/opt/ml/output/data", "/opt/ml/input/config" })
            {
                Directory.CreateDirectory(layout.HostPath(folder));
            }

            await WriteConfigAsync(layout, arguments, hyperparameters, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException or InvalidDataException or JsonException)
        {
            return Fail($"ClientError: {e.Message}");
        }

        var user = hyperparameters.Where(p => !p.Key.StartsWith("sagemaker_", StringComparison.Ordinal)).ToList();
        var entryPoint = scriptMode ? Decode(program!) : imageCommand![^1];

        // Script mode runs the program with the hyperparameters as arguments; an image's own command reads them from
        // /opt/ml/input/config/hyperparameters.json, as built-in algorithm containers do.
        List<string> command = scriptMode ? [context.Configuration.Python, entryPoint] : [.. imageCommand!];
        foreach (var (name, value) in scriptMode ? user : [])
        {
            command.Add("--" + name);
            command.Add(Decode(value));
        }

        var job = new JobSpec
        {
            Command = command,
            JobDirectory = layout.JobDirectory,
            LogFile = layout.LogFile,
            WorkingDirectory = "/opt/ml/code",
            Environment = TrainingEnvironment(arguments, user, channels, entryPoint, scriptMode ? Decode(submitDirectory!) : string.Empty, jobName),
            MaxRuntime = JobSteps.MaxRuntimeOf(arguments),
            Isolation = JobIsolation.For(context, arguments, command),
        };
        var logStart = File.Exists(layout.LogFile) ? new FileInfo(layout.LogFile).Length : 0;
        var outcome = await sandbox.RunAsync(job, context.StopRequested, cancellationToken);
        if (outcome.Stopped)
        {
            return new StepResult.Stopped { Metadata = metadata };
        }

        if (!outcome.Succeeded)
        {
            // SageMaker keeps the first 1,024 characters of the failure file; read no more of it, and never through a link.
            string? failure;
            try
            {
                failure = outcome.LimitExceeded is null ? JobFiles.ReadSmallText(layout.JobDirectory, "output/failure", 4096)?.Trim() : null;
            }
            catch (UnsafeJobFileException e)
            {
                return Fail($"ClientError: {e.Message}");
            }

            return Fail(failure is { Length: > 0 }
                ? $"AlgorithmError: {(failure.Length > 1024 ? failure[..1024] : failure)}"
                : outcome.Describe(job.MaxRuntime));
        }

        var outputPath = arguments.Member("OutputDataConfig").Member("S3OutputPath").TryGetString(out var o) ? o.TrimEnd('/') : null;
        if (outputPath is null)
        {
            return Fail("ClientError: OutputDataConfig.S3OutputPath is required to store the model");
        }

        var modelUri = $"{outputPath}/{jobName}/output/model.tar.gz";
        try
        {
            Pack(layout.HostPath("/opt/ml/model"), context.Objects.PathOf(modelUri));
            Pack(layout.HostPath("/opt/ml/output/data"), context.Objects.PathOf($"{outputPath}/{jobName}/output/output.tar.gz"));
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            return Fail($"ClientError: {e.Message}");
        }

        var ended = context.Time.GetUtcNow();
        var metrics = Metrics(arguments, layout.LogFile, logStart, ended);
        var properties = JobSteps.Describe(arguments, "TrainingJobName", [
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
        return new StepResult.Succeeded(properties) { Metadata = metadata };
    }

    /// <summary>The hyperparameters as written: JSON-encoded strings, as the SDK sends them.</summary>
    private static Dictionary<string, string> HyperParameters(JsonElement arguments)
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
    private static string Decode(string value)
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
    private static void Pack(string directory, string target)
    {
        var files = JobFiles.RegularFiles(directory);
        if (files.Count == 0)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var file = File.Create(target);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var entry in files)
        {
            tar.WriteEntry(entry, Path.GetRelativePath(directory, entry));
        }
    }

    private static async Task WriteConfigAsync(JobLayout layout, JsonElement arguments, Dictionary<string, string> hyperparameters, CancellationToken cancellationToken)
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
            $"{{\"current_host\": \"{Host}\", \"hosts\": [\"{Host}\"], \"network_interface_name\": \"eth0\"}}",
            cancellationToken);
    }

    private static Dictionary<string, string> TrainingEnvironment(
        JsonElement arguments,
        List<KeyValuePair<string, string>> user,
        List<string> channels,
        string entryPoint,
        string submitDirectory,
        string jobName)
    {
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
        environment["SM_CURRENT_HOST"] = Host;
        environment["SM_HOSTS"] = $"[\"{Host}\"]";
        environment["SM_USER_ENTRY_POINT"] = entryPoint;
        environment["SM_MODULE_NAME"] = Path.GetFileNameWithoutExtension(entryPoint);
        environment["SM_MODULE_DIR"] = submitDirectory;
        environment["SM_USER_ARGS"] = "[" + string.Join(", ", user.SelectMany(p => new[] { Json.Quote("--" + p.Key), Json.Quote(Decode(p.Value)) })) + "]";
        environment["SM_LOG_LEVEL"] = "20";
        environment["SM_TRAINING_ENV"] =
            $"{{\"job_name\": {Json.Quote(jobName)}, \"hyperparameters\": {hps}, \"channel_input_dirs\": {{{string.Join(", ", channels.Select(c => Json.Quote(c) + ": " + Json.Quote("/opt/ml/input/data/" + c)))}}}, " +
            $"\"model_dir\": \"/opt/ml/model\", \"output_data_dir\": \"/opt/ml/output/data\", \"current_host\": \"{Host}\", \"hosts\": [\"{Host}\"], \"num_cpus\": {cpus}, \"num_gpus\": 0, \"user_entry_point\": {Json.Quote(entryPoint)}}}";
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
