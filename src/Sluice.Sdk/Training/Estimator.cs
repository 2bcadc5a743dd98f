using System.Text.Json.Nodes;
using Sluice.Sdk.Code;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Training;

/// <summary>
/// How a training job runs (the Python SDK's <c>Estimator</c>, and its framework estimators in script mode when
/// <see cref="EntryPoint"/> is set): the image, the instances, the role, where the model goes, the hyperparameters.
/// </summary>
/// <remarks>
/// In script mode the SDK adds <c>sagemaker_submit_directory</c>, <c>sagemaker_program</c>,
/// <c>sagemaker_container_log_level</c> and <c>sagemaker_region</c> to the hyperparameters, JSON-encoded as the Python
/// SDK encodes them. A local <see cref="SourceDir"/> (or a lone entry point) is packed as <c>sourcedir.tar.gz</c> and
/// uploaded to <c>s3://&lt;bucket&gt;/&lt;pipeline&gt;/code/&lt;hash&gt;/sourcedir.tar.gz</c>, where the bucket is
/// <see cref="CodeLocation"/>'s, else <see cref="OutputPath"/>'s, else the default bucket; an <c>s3://</c>
/// <see cref="SourceDir"/> is used as it is.
/// </remarks>
public sealed class Estimator
{
    /// <summary>The training image.</summary>
    public required PipelineValue ImageUri { get; set; }

    /// <summary>The IAM role the job runs as.</summary>
    public required PipelineValue Role { get; set; }

    /// <summary>The instance type, e.g. <c>ml.m5.xlarge</c>.</summary>
    public required PipelineValue InstanceType { get; set; }

    /// <summary>How many instances; 1 unless set.</summary>
    public PipelineValue InstanceCount { get; set; } = 1;

    /// <summary>The storage volume's size in GB; 30 unless set.</summary>
    public PipelineValue VolumeSizeInGB { get; set; } = 30;

    /// <summary>The KMS key for the storage volume.</summary>
    public PipelineValue? VolumeKmsKey { get; set; }

    /// <summary>The longest the job may run, in seconds; 86,400 (a day) unless set.</summary>
    public PipelineValue MaxRuntimeInSeconds { get; set; } = 86_400;

    /// <summary>The longest a spot job may wait and run, in seconds.</summary>
    public PipelineValue? MaxWaitTimeInSeconds { get; set; }

    /// <summary>
    /// Where the model artifacts go (<c>&lt;OutputPath&gt;/&lt;job&gt;/output/model.tar.gz</c>); <c>s3://&lt;default bucket&gt;/</c>
    /// unless set.
    /// </summary>
    public PipelineValue? OutputPath { get; set; }

    /// <summary>The KMS key for the outputs.</summary>
    public PipelineValue? OutputKmsKey { get; set; }

    /// <summary>The input mode: <c>File</c> (default), <c>Pipe</c> or <c>FastFile</c>.</summary>
    public PipelineValue InputMode { get; set; } = "File";

    /// <summary>Metrics read from the job's log.</summary>
    public IList<MetricDefinition> MetricDefinitions { get; init; } = [];

    /// <summary>
    /// The hyperparameters, written as given: strings as they are, numbers and Booleans as their text, variables as
    /// their expression (use <see cref="PipelineVariable.ToStringExpression"/> for the <c>Std:Join</c> form the Python
    /// framework estimators write).
    /// </summary>
    public IDictionary<string, PipelineValue> HyperParameters { get; init; } = new OrderedDictionary<string, PipelineValue>();

    /// <summary>The job's environment.</summary>
    public IDictionary<string, PipelineValue> Environment { get; init; } = new OrderedDictionary<string, PipelineValue>();

    /// <summary>Script mode: the script to run, relative to <see cref="SourceDir"/> when that is set.</summary>
    public string? EntryPoint { get; set; }

    /// <summary>Script mode: the folder with the code (packed and uploaded), or an <c>s3://</c> URI of a <c>sourcedir.tar.gz</c>.</summary>
    public string? SourceDir { get; set; }

    /// <summary>Script mode: <c>s3://bucket/prefix</c> to upload code under, instead of the output path's bucket.</summary>
    public string? CodeLocation { get; set; }

    /// <summary>Script mode: the training toolkit's log level (Python's <c>logging.INFO</c>, 20, unless set).</summary>
    public int ContainerLogLevel { get; set; } = 20;

    /// <summary>Whether to leave out the debugger hook (<c>DebugHookConfig</c>), which the Python SDK writes by default.</summary>
    public bool DisableDebuggerHook { get; set; }

    /// <summary>Whether to turn the profiler off (<c>ProfilerConfig</c> then says <c>DisableProfiler: true</c>).</summary>
    public bool DisableProfiler { get; set; }

    /// <summary>Whether the container runs without network access.</summary>
    public PipelineValue? EnableNetworkIsolation { get; set; }

    /// <summary>Whether to train on spot instances.</summary>
    public PipelineValue? UseSpotInstances { get; set; }

    /// <summary>Where checkpoints are kept in S3.</summary>
    public PipelineValue? CheckpointS3Uri { get; set; }

    /// <summary>Where checkpoints are written in the container.</summary>
    public PipelineValue? CheckpointLocalPath { get; set; }

    /// <summary>Tags for the job.</summary>
    public IDictionary<string, string> Tags { get; init; } = new OrderedDictionary<string, string>();

    /// <summary>Writes a CreateTrainingJob request for a Training step.</summary>
    internal JsonObject WriteTrainingRequest(IEnumerable<KeyValuePair<string, TrainingInput>> inputs, BuildContext context, string stepName)
    {
        var outputPath = ResolveOutputPath(context, stepName);
        var algorithm = new JsonObject { ["TrainingInputMode"] = InputMode.Write(context), ["TrainingImage"] = ImageUri.Write(context) };
        if (MetricDefinitions.Count > 0)
        {
            algorithm["MetricDefinitions"] = new JsonArray([.. MetricDefinitions.Select(m => (JsonNode)m.ToJson())]);
        }

        var request = new JsonObject
        {
            ["AlgorithmSpecification"] = algorithm,
            ["OutputDataConfig"] = new JsonObject { ["S3OutputPath"] = outputPath.Write(context) }.Put("KmsKeyId", OutputKmsKey, context),
            ["StoppingCondition"] = WriteStoppingCondition(context),
            ["ResourceConfig"] = new JsonObject { ["VolumeSizeInGB"] = VolumeSizeInGB.Write(context) }
                .Put("VolumeKmsKeyId", VolumeKmsKey, context)
                .Put("InstanceCount", InstanceCount, context)
                .Put("InstanceType", InstanceType, context),
            ["RoleArn"] = Role.Write(context),
        };
        var channels = WriteChannels(inputs, context);
        if (channels.Count > 0)
        {
            request["InputDataConfig"] = channels;
        }

        var hyperParameters = new JsonObject();
        foreach (var (key, value) in HyperParameters)
        {
            hyperParameters[key] = value.AsText().Write(context);
        }

        foreach (var (key, value) in ScriptModeHyperParameters(context, stepName))
        {
            hyperParameters[key] = value;
        }

        if (hyperParameters.Count > 0)
        {
            request["HyperParameters"] = hyperParameters;
        }

        if (Environment.Count > 0)
        {
            request["Environment"] = Json.Map(Environment, context);
        }

        if (Tags.Count > 0)
        {
            request["Tags"] = new JsonArray([.. Tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]);
        }

        WriteFlags(request, context);
        if (!DisableDebuggerHook)
        {
            request["DebugHookConfig"] = new JsonObject
            {
                ["S3OutputPath"] = outputPath.Write(context),
                ["CollectionConfigurations"] = new JsonArray(),
            };
        }

        request["ProfilerConfig"] = DisableProfiler
            ? new JsonObject { ["DisableProfiler"] = true }
            : new JsonObject { ["S3OutputPath"] = outputPath.Write(context), ["DisableProfiler"] = false };
        return request;
    }

    /// <summary>Writes the channels of <c>InputDataConfig</c>.</summary>
    internal static JsonArray WriteChannels(IEnumerable<KeyValuePair<string, TrainingInput>> inputs, BuildContext context) =>
        [.. inputs.Select(i => (JsonNode)i.Value.Write(i.Key, context))];

    /// <summary>Writes <c>StoppingCondition</c>.</summary>
    internal JsonObject WriteStoppingCondition(BuildContext context) =>
        new JsonObject { ["MaxRuntimeInSeconds"] = MaxRuntimeInSeconds.Write(context) }
            .Put("MaxWaitTimeInSeconds", MaxWaitTimeInSeconds, context);

    /// <summary>Writes the flags that follow the environment (network isolation, spot training, checkpoints).</summary>
    internal void WriteFlags(JsonObject request, BuildContext context)
    {
        request.Put("EnableNetworkIsolation", EnableNetworkIsolation, context);
        request.Put("EnableManagedSpotTraining", UseSpotInstances, context);
        if (CheckpointS3Uri is not null)
        {
            request["CheckpointConfig"] = new JsonObject { ["S3Uri"] = CheckpointS3Uri.Write(context) }
                .Put("LocalPath", CheckpointLocalPath, context);
        }
    }

    /// <summary>The output path, defaulting to <c>s3://&lt;default bucket&gt;/&lt;prefix&gt;</c>.</summary>
    internal PipelineValue ResolveOutputPath(BuildContext context, string stepName) =>
        OutputPath ?? S3Paths.Join(
            context.RequireDefaultBucket($"the output path of step '{stepName}'"), context.Session.DefaultBucketPrefix) + "/";

    /// <summary>The script-mode hyperparameters (JSON-encoded strings), uploading local code; none without an entry point.</summary>
    internal IEnumerable<KeyValuePair<string, JsonNode>> ScriptModeHyperParameters(BuildContext context, string stepName)
    {
        if (EntryPoint is null)
        {
            return [];
        }

        var (submitDirectory, program) = ResolveSourceCode(context, stepName);
        return
        [
            new("sagemaker_submit_directory", Quoted(submitDirectory)),
            new("sagemaker_program", Quoted(program)),
            new("sagemaker_container_log_level", JsonValue.Create(Json.Compact(JsonValue.Create(ContainerLogLevel)))),
            new("sagemaker_region", Quoted(context.Session.Region)),
        ];
    }

    /// <summary>A string JSON-encoded as Python's <c>json.dumps</c> encodes it, e.g. <c>"\"train.py\""</c>.</summary>
    private static JsonValue Quoted(string text) => JsonValue.Create(Json.Compact(JsonValue.Create(text)));

    private (string SubmitDirectory, string Program) ResolveSourceCode(BuildContext context, string stepName)
    {
        var entryPoint = EntryPoint!;
        if (SourceDir is { } sourceDir && S3Paths.IsS3(sourceDir))
        {
            return (sourceDir, entryPoint);
        }

        var packed = SourceDir ?? entryPoint;
        var local = packed.StartsWith("file://", StringComparison.OrdinalIgnoreCase)
            ? Uri.UnescapeDataString(packed["file://".Length..])
            : packed;
        if (SourceDir is null ? !File.Exists(local) : !Directory.Exists(local))
        {
            throw new FileNotFoundException(SourceDir is null
                ? $"the entry point '{entryPoint}' of step '{stepName}' is not a file (give SourceDir when it is relative to a folder)"
                : $"the source folder '{SourceDir}' of step '{stepName}' does not exist", packed);
        }

        if (SourceDir is not null && !File.Exists(Path.Combine(local, entryPoint)))
        {
            throw new FileNotFoundException(
                $"the entry point '{entryPoint}' of step '{stepName}' is not in its source folder '{SourceDir}'", entryPoint);
        }

        var hash = CodeHash.Of([packed]);
        var (bucket, prefix) = CodeBucket(context, stepName);
        var uri = S3Paths.Join(bucket, prefix, context.RequirePipelineName("uploaded code"), "code", hash, "sourcedir.tar.gz");
        context.AddArtifact(new CodeArtifact(uri, local, () => new MemoryStream(SourcePacker.Pack(local))));
        return (uri, SourceDir is null ? Path.GetFileName(local) : entryPoint);
    }

    private (string Bucket, string? Prefix) CodeBucket(BuildContext context, string stepName)
    {
        if (CodeLocation is not null)
        {
            var (bucket, key) = S3Paths.Parse(CodeLocation);
            return (bucket, key);
        }

        if (OutputPath?.AsString() is { } path && S3Paths.IsS3(path))
        {
            return (S3Paths.Parse(path).Bucket, null);
        }

        return (context.RequireDefaultBucket($"the code of step '{stepName}'"), context.Session.DefaultBucketPrefix);
    }
}
