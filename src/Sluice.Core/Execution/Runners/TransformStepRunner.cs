using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Shims;
using Sluice.Core.Storage;

namespace Sluice.Core.Steps;

/// <summary>
/// Runs a Transform step (CreateTransformJob) in script mode, as the SageMaker scikit-learn and PyTorch inference
/// toolkits serve a model: the model named by ModelName (a Model step's record) has its ModelDataUrl unpacked to
/// <c>/opt/ml/model</c> and its SAGEMAKER_SUBMIT_DIRECTORY to <c>/opt/ml/code</c>; a small Python shim imports
/// SAGEMAKER_PROGRAM and sends every input file's requests (split by SplitType, batched by BatchStrategy within
/// MaxPayloadInMB) through model_fn, input_fn, predict_fn and output_fn (the toolkits' defaults where the script
/// defines none). Each input file <c>name</c> gives <c>name.out</c> (responses assembled by AssembleWith), uploaded
/// under TransformOutput.S3OutputPath when the job ends well. The step's properties are a DescribeTransformJob response.
/// </summary>
/// <param name="jobs">Where jobs run.</param>
public sealed class TransformStepRunner(IJobHost jobs) : IStepRunner
{
    private const string ShimPath = "/opt/ml/sluice_transform.py";
    private const string ModelDirectory = "/opt/ml/model";
    private const string InputDirectory = "/opt/ml/input/data";
    private const string OutputDirectory = "/opt/ml/output";

    /// <inheritdoc />
    public bool UsesJobSlot => true;

    /// <inheritdoc />
    public async Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken)
    {
        if (await JobRun.LostAsync(jobs, context, cancellationToken) is { } lost)
        {
            return lost;
        }

        var jobName = context.Arguments.Member("TransformJobName").TryGetString(out var given) ? given : context.JobName;
        var arn = JobSteps.Arn(context, "transform-job", jobName);
        return await JobRecorder.RecordAsync(context, JobKind.Transform, jobName, arn, () => RunJobAsync(context, jobName, arn, cancellationToken), cancellationToken);
    }

    private async Task<StepResult> RunJobAsync(StepRunContext context, string jobName, string arn, CancellationToken cancellationToken)
    {
        var arguments = context.Arguments;
        var metadata = Json.Parse("{\"TransformJob\": {\"Arn\": " + Json.Quote(arn) + "}}");
        StepResult Fail(string reason) => new StepResult.Failed(reason, null) { Metadata = metadata };

        var modelName = arguments.Member("ModelName").TryGetString(out var name) ? name : string.Empty;
        var model = await context.Registry.GetModelAsync(modelName, cancellationToken);
        if (model is null)
        {
            return Fail($"ClientError: model '{modelName}' does not exist; create it with a Model step first");
        }

        var container = PrimaryContainer(Json.Parse(model.DescribeJson));
        var modelEnvironment = JobSteps.EnvironmentOf(container);
        if (!modelEnvironment.TryGetValue("SAGEMAKER_PROGRAM", out var program))
        {
            var image = container.Member("Image").TryGetString(out var uri) ? uri : "(no Image)";
            return Fail($"image '{image}' has no command to run on this machine: transform in script mode (the SAGEMAKER_PROGRAM and SAGEMAKER_SUBMIT_DIRECTORY environment a Model with entry_point sets)");
        }

        var started = context.Time.GetUtcNow();
        var layout = JobLayout.For(context);
        string settings, outputPath, codeDirectory;
        try
        {
            // A re-attached job's folder was staged by the process that submitted it; only the settings are needed again.
            var stage = JobRun.Saved(context) is null;
            codeDirectory = await PrepareModelAndCodeAsync(context, layout, container, modelEnvironment, program, stage, cancellationToken);
            (settings, outputPath) = await PrepareDataAsync(context, layout, arguments, program, codeDirectory, stage, cancellationToken);
            if (stage)
            {
                await File.WriteAllTextAsync(layout.HostPath(ShimPath), JobShims.Transform, cancellationToken);
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException or InvalidDataException)
        {
            return Fail($"ClientError: {e.Message}");
        }

        var environment = new Dictionary<string, string>(modelEnvironment, StringComparer.Ordinal);
        foreach (var (variable, value) in JobSteps.EnvironmentOf(arguments))
        {
            environment[variable] = value;
        }

        environment["SAGEMAKER_BATCH"] = "true";
        environment["SM_MODEL_DIR"] = ModelDirectory;
        environment["PYTHONUNBUFFERED"] = "1";
        List<string> command = [context.Configuration.Python, ShimPath, settings];
        var job = new JobSpec
        {
            Command = command,
            JobDirectory = layout.JobDirectory,
            LogFile = layout.LogFile,
            WorkingDirectory = codeDirectory,
            Environment = environment,
            Isolation = JobIsolation.For(context, context.Arguments, command),
        };
        var outcome = await JobRun.RunAsync(jobs, context, job, cancellationToken);
        if (outcome.Stopped)
        {
            return new StepResult.Stopped { Metadata = metadata };
        }

        if (!outcome.Succeeded)
        {
            return Fail(outcome.Describe(null));
        }

        try
        {
            await context.Objects.UploadDirectoryAsync(layout.HostPath(OutputDirectory), outputPath, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            return Fail($"ClientError: {e.Message}");
        }

        var ended = context.Time.GetUtcNow();
        var properties = JobSteps.Describe(arguments, "TransformJobName", [
            ("TransformJobName", Json.Quote(jobName)),
            ("TransformJobArn", Json.Quote(arn)),
            ("TransformJobStatus", "\"Completed\""),
            ("CreationTime", JobSteps.Seconds(started)),
            ("TransformStartTime", JobSteps.Seconds(started)),
            ("TransformEndTime", JobSteps.Seconds(ended)),
        ]);
        return new StepResult.Succeeded(properties) { Metadata = metadata };
    }

    /// <summary>The model's PrimaryContainer, or its only container.</summary>
    private static JsonElement PrimaryContainer(JsonElement describe) =>
        describe.Member("PrimaryContainer") is { ValueKind: JsonValueKind.Object } primary ? primary
        : JobSteps.Items(describe.Member("Containers")) is [var only] ? only
        : Json.Parse("{}");

    /// <summary>
    /// Unpacks the model to /opt/ml/model and the code to /opt/ml/code, and returns the code's folder in the sandbox:
    /// /opt/ml/code for an s3:// SAGEMAKER_SUBMIT_DIRECTORY, the path itself for one under /opt/ml (a repacked model's
    /// /opt/ml/model/code), /opt/ml/model/code when there is none (the toolkits' default).
    /// </summary>
    private static async Task<string> PrepareModelAndCodeAsync(
        StepRunContext context, JobLayout layout, JsonElement container, Dictionary<string, string> environment, string program, bool stage, CancellationToken cancellationToken)
    {
        var modelDirectory = layout.HostPath(ModelDirectory);
        Directory.CreateDirectory(modelDirectory);
        if (stage)
        {
            await StageModelAsync(context, container, modelDirectory, cancellationToken);
        }

        var submitDirectory = environment.GetValueOrDefault("SAGEMAKER_SUBMIT_DIRECTORY", ModelDirectory + "/code");
        var codeDirectory = submitDirectory;
        if (submitDirectory.StartsWith("s3://", StringComparison.Ordinal))
        {
            codeDirectory = "/opt/ml/code";
            if (stage)
            {
                await JobSteps.UnpackAsync(context, submitDirectory, layout.HostPath(codeDirectory), "SAGEMAKER_SUBMIT_DIRECTORY", cancellationToken);
            }
        }
        else if (SandboxPaths.Normalize(submitDirectory, SandboxPaths.MlRoot, allowRoot: false, out var problem) is null)
        {
            throw new NotSupportedException($"SAGEMAKER_SUBMIT_DIRECTORY {submitDirectory} must be an s3:// URI or a folder under {SandboxPaths.MlRoot}/; it {problem}");
        }

        if (!File.Exists(layout.HostPath(codeDirectory.TrimEnd('/') + "/" + program)))
        {
            throw new IOException($"SAGEMAKER_PROGRAM {program} is not in SAGEMAKER_SUBMIT_DIRECTORY {submitDirectory}");
        }

        return codeDirectory;
    }

    /// <summary>Unpacks ModelDataUrl (a tar.gz or a prefix), or copies ModelDataSource's prefix, into the model folder.</summary>
    private static async Task StageModelAsync(StepRunContext context, JsonElement container, string modelDirectory, CancellationToken cancellationToken)
    {
        if (container.Member("ModelDataUrl").TryGetString(out var modelData))
        {
            await JobSteps.UnpackAsync(context, modelData, modelDirectory, "ModelDataUrl", cancellationToken);
        }
        else if (container.Member("ModelDataSource").Member("S3DataSource").Member("S3Uri").TryGetString(out var modelPrefix))
        {
            await context.Objects.DownloadPrefixAsync(modelPrefix, modelDirectory, cancellationToken);
        }
    }

    /// <summary>Downloads the input files, makes the output folder, and returns the shim's settings and the output path.</summary>
    private static async Task<(string Settings, string OutputPath)> PrepareDataAsync(
        StepRunContext context, JobLayout layout, JsonElement arguments, string program, string codeDirectory, bool stage, CancellationToken cancellationToken)
    {
        var input = arguments.Member("TransformInput");
        var source = input.Member("DataSource").Member("S3DataSource");
        if (!source.Member("S3Uri").TryGetString(out var inputUri))
        {
            throw new NotSupportedException("TransformInput.DataSource.S3DataSource.S3Uri is required: only S3 inputs can be read on this machine");
        }

        Choose(source.Member("S3DataType"), "S3DataType", "S3Prefix");
        var processing = arguments.Member("DataProcessing");
        Choose(processing.Member("InputFilter"), "DataProcessing.InputFilter", "$");
        Choose(processing.Member("OutputFilter"), "DataProcessing.OutputFilter", "$");
        Choose(processing.Member("JoinSource"), "DataProcessing.JoinSource", "None");
        var output = arguments.Member("TransformOutput");
        if (!output.Member("S3OutputPath").TryGetString(out var outputPath))
        {
            throw new ArgumentException("TransformOutput.S3OutputPath is required to store the results");
        }

        // Asked first so that an output URI the store refuses fails the step before anything is downloaded.
        _ = await context.Objects.HeadAsync(outputPath, cancellationToken);
        if (stage)
        {
            await context.Objects.DownloadPrefixAsync(inputUri, layout.HostPath(InputDirectory), cancellationToken);
            Directory.CreateDirectory(layout.HostPath(OutputDirectory));
        }

        var contentType = input.Member("ContentType").TryGetString(out var type) ? type : "text/csv";
        var maxPayload = arguments.Member("MaxPayloadInMB").TryGetNumber(out var megabytes) ? megabytes : 6;
        var settings = new (string Name, string Value)[]
        {
            ("program", program),
            ("code_dir", codeDirectory),
            ("model_dir", ModelDirectory),
            ("input_dir", InputDirectory),
            ("output_dir", OutputDirectory),
            ("content_type", contentType),
            ("accept", output.Member("Accept").TryGetString(out var accept) ? accept : contentType),
            ("split_type", Choose(input.Member("SplitType"), "SplitType", "None", "Line")),
            ("compression", Choose(input.Member("CompressionType"), "CompressionType", "None", "Gzip")),
            ("batch_strategy", Choose(arguments.Member("BatchStrategy"), "BatchStrategy", "MultiRecord", "SingleRecord")),
            ("assemble_with", Choose(output.Member("AssembleWith"), "AssembleWith", "None", "Line")),
        };
        var json = string.Join(", ", settings.Select(s => Json.Quote(s.Name) + ": " + Json.Quote(s.Value)));
        return ($"{{{json}, \"max_payload_mb\": {maxPayload.ToString(CultureInfo.InvariantCulture)}}}", outputPath);
    }

    /// <summary>A setting's value (the first supported one when absent); a value this machine cannot honour is refused.</summary>
    private static string Choose(JsonElement? value, string name, params string[] supported)
    {
        var chosen = value.TryGetString(out var text) ? text : supported[0];
        return supported.Contains(chosen, StringComparer.Ordinal)
            ? chosen
            : throw new NotSupportedException($"{name} '{chosen}' is not supported on this machine (supported: {string.Join(", ", supported)})");
    }
}
