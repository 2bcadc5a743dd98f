using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Sluice.Core.Jobs;
using Sluice.Core.Storage;

namespace Sluice.Core.Execution.Runners;

/// <summary>
/// Runs a Transform step (CreateTransformJob) in script mode, as the SageMaker scikit-learn and PyTorch inference
/// toolkits serve a model: the model named by ModelName (a Model step's record) has its ModelDataUrl unpacked to
/// <c>/opt/ml/model</c> and its SAGEMAKER_SUBMIT_DIRECTORY to <c>/opt/ml/code</c>; a small Python shim imports
/// SAGEMAKER_PROGRAM and sends every input file's requests (split by SplitType, batched by BatchStrategy within
/// MaxPayloadInMB) through model_fn, input_fn, predict_fn and output_fn (the toolkits' defaults where the script
/// defines none). Each input file <c>name</c> gives <c>name.out</c> (responses assembled by AssembleWith), uploaded
/// under TransformOutput.S3OutputPath when the job ends well. The step's properties are a DescribeTransformJob response.
/// </summary>
/// <param name="sandbox">Where jobs run.</param>
public sealed class TransformStepRunner(JobSandbox sandbox) : IStepRunner
{
    private const string ShimPath = "/opt/ml/sluice_transform.py";
    private const string ModelDirectory = "/opt/ml/model";
    private const string InputDirectory = "/opt/ml/input/data";
    private const string OutputDirectory = "/opt/ml/output";

    /// <inheritdoc />
    public bool UsesJobSlot => true;

    /// <inheritdoc />
    public Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken)
    {
        var jobName = context.Arguments.Member("TransformJobName").TryGetString(out var given) ? given : context.JobName;
        var arn = JobSteps.Arn(context, "transform-job", jobName);
        return JobRecorder.RecordAsync(context, JobKind.Transform, jobName, arn, () => RunJobAsync(context, jobName, arn, cancellationToken), cancellationToken);
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
            codeDirectory = PrepareModelAndCode(context, layout, container, modelEnvironment, program);
            (settings, outputPath) = PrepareData(context, layout, arguments, program, codeDirectory);
            await File.WriteAllTextAsync(layout.HostPath(ShimPath), Shim, cancellationToken);
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
        var outcome = await sandbox.RunAsync(job, context.StopRequested, cancellationToken);
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
            context.Objects.UploadDirectory(layout.HostPath(OutputDirectory), outputPath);
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
    private static string PrepareModelAndCode(
        StepRunContext context, JobLayout layout, JsonElement container, Dictionary<string, string> environment, string program)
    {
        var modelDirectory = layout.HostPath(ModelDirectory);
        Directory.CreateDirectory(modelDirectory);
        if (container.Member("ModelDataUrl").TryGetString(out var modelData))
        {
            JobSteps.Unpack(context, modelData, modelDirectory, "ModelDataUrl");
        }
        else if (container.Member("ModelDataSource").Member("S3DataSource").Member("S3Uri").TryGetString(out var modelPrefix))
        {
            context.Objects.DownloadPrefix(modelPrefix, modelDirectory);
        }

        var submitDirectory = environment.GetValueOrDefault("SAGEMAKER_SUBMIT_DIRECTORY", ModelDirectory + "/code");
        var codeDirectory = submitDirectory;
        if (submitDirectory.StartsWith("s3://", StringComparison.Ordinal))
        {
            codeDirectory = "/opt/ml/code";
            JobSteps.Unpack(context, submitDirectory, layout.HostPath(codeDirectory), "SAGEMAKER_SUBMIT_DIRECTORY");
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

    /// <summary>Downloads the input files, makes the output folder, and returns the shim's settings and the output path.</summary>
    private static (string Settings, string OutputPath) PrepareData(
        StepRunContext context, JobLayout layout, JsonElement arguments, string program, string codeDirectory)
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

        _ = context.Objects.PathOf(outputPath);
        context.Objects.DownloadPrefix(inputUri, layout.HostPath(InputDirectory));
        Directory.CreateDirectory(layout.HostPath(OutputDirectory));
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

    /// <summary>
    /// The shim the job runs: the inference toolkits' handler chain over the input files, without an HTTP server. Its
    /// one argument is the settings as JSON. On an error it prints the traceback to standard output (the log) and its last
    /// line, with what it was doing, to standard error (the FailureReason).
    /// </summary>
    private const string Shim = """
        # Sluice batch transform: serves a script-mode model over the job's input files as the SageMaker inference
        # toolkits would (model_fn, input_fn, predict_fn, output_fn or transform_fn), without an HTTP server.
        import csv, gzip, importlib.util, io, json, os, sys, traceback

        try:
            import numpy
        except ImportError:
            numpy = None


        def media(content_type):
            return content_type.split(';')[0].strip().lower()


        def default_model_fn(model_dir):
            raise NotImplementedError('model_fn is required: define model_fn(model_dir) in the inference script to load the model from ' + model_dir)


        def default_input_fn(body, content_type):
            text = body.decode('utf-8') if isinstance(body, bytes) else body
            if media(content_type) == 'text/csv':
                rows = [[float(value) for value in row] for row in csv.reader(io.StringIO(text)) if row]
                return numpy.array(rows) if numpy else rows
            if media(content_type) == 'application/json':
                value = json.loads(text)
                return numpy.array(value) if numpy and isinstance(value, list) else value
            raise ValueError(f'the default input_fn reads text/csv and application/json, not {content_type}: define input_fn')


        def default_predict_fn(data, model):
            if not hasattr(model, 'predict'):
                raise TypeError(f'the model ({type(model).__name__}) has no predict method: define predict_fn(input_object, model)')
            return model.predict(data)


        def plain(value):
            return value.tolist() if hasattr(value, 'tolist') else value


        def json_default(value):
            if hasattr(value, 'tolist'):
                return value.tolist()
            raise TypeError(f'{type(value).__name__} is not JSON serializable')


        def default_output_fn(prediction, accept):
            prediction = plain(prediction)
            if media(accept) == 'text/csv':
                out = io.StringIO()
                writer = csv.writer(out, lineterminator='\n')
                for row in prediction if isinstance(prediction, (list, tuple)) else [prediction]:
                    row = plain(row)
                    writer.writerow(row if isinstance(row, (list, tuple)) else [row])
                return out.getvalue()
            if media(accept) == 'application/json':
                return json.dumps(prediction, default=json_default)
            raise ValueError(f'the default output_fn writes text/csv and application/json, not {accept}: define output_fn')


        def load(settings):
            here = os.path.dirname(os.path.abspath(__file__))
            sys.path[:] = [settings['code_dir']] + [path for path in sys.path if path != here]
            name = os.path.splitext(os.path.basename(settings['program']))[0]
            spec = importlib.util.spec_from_file_location(name, os.path.join(settings['code_dir'], settings['program']))
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
            return module


        def handler(user, settings):
            content_type, accept = settings['content_type'], settings['accept']
            model = getattr(user, 'model_fn', default_model_fn)(settings['model_dir'])
            input_fn = getattr(user, 'input_fn', default_input_fn)
            predict_fn = getattr(user, 'predict_fn', default_predict_fn)
            output_fn = getattr(user, 'output_fn', default_output_fn)
            transform_fn = getattr(user, 'transform_fn', None)
            text = media(content_type).startswith('text/') or 'json' in media(content_type)

            def handle(body):
                request = body.decode('utf-8') if text else body
                if transform_fn:
                    result = transform_fn(model, request, content_type, accept)
                else:
                    result = output_fn(predict_fn(input_fn(request, content_type), model), accept)
                result = result[0] if isinstance(result, tuple) else result
                if isinstance(result, str):
                    return result.encode('utf-8')
                if isinstance(result, (bytes, bytearray)):
                    return bytes(result)
                raise TypeError(f'output_fn returned {type(result).__name__}, not str or bytes')

            return handle


        def payloads(data, settings):
            megabytes = settings['max_payload_mb']
            limit = megabytes * 1024 * 1024 or float('inf')
            records = data.splitlines() if settings['split_type'] == 'Line' else [data]
            batch, size = [], -1
            for record in records:
                if len(record) > limit:
                    raise ValueError(f'a record of {len(record)} bytes is larger than MaxPayloadInMB ({megabytes:g} MB)')
                if batch and (settings['batch_strategy'] == 'SingleRecord' or size + 1 + len(record) > limit):
                    yield b'\n'.join(batch)
                    batch, size = [], -1
                batch.append(record)
                size += 1 + len(record)
            if batch:
                yield b'\n'.join(batch)


        def main():
            settings = json.loads(sys.argv[1])
            doing = 'importing ' + settings['program']
            try:
                user = load(settings)
                doing = 'loading the model'
                handle = handler(user, settings)
                root = settings['input_dir']
                files = sorted(os.path.relpath(os.path.join(d, f), root) for d, _, names in os.walk(root) for f in names)
                for name in files:
                    doing = 'transforming ' + name
                    opener = gzip.open if settings['compression'] == 'Gzip' else open
                    with opener(os.path.join(root, name), 'rb') as source:
                        data = source.read()
                    target = os.path.join(settings['output_dir'], name + '.out')
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    count = 0
                    with open(target, 'wb') as out:
                        for body in payloads(data, settings):
                            response = handle(body)
                            out.write(response.rstrip(b'\r\n') + b'\n' if settings['assemble_with'] == 'Line' else response)
                            count += 1
                    print(f'{name}: {count} request(s) -> {name}.out', flush=True)
            except Exception:
                trace = traceback.format_exc()
                print(trace, end='', flush=True)
                print(f'{trace.rstrip().splitlines()[-1]} ({doing})', file=sys.stderr)
                sys.exit(1)


        main()

        """;
}
