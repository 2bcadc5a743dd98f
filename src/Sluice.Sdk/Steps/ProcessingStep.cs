using System.Text.Json.Nodes;
using Sluice.Sdk.Code;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Processing;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Steps;

/// <summary>
/// Runs a processing job: <c>{"Type": "Processing", "Arguments": CreateProcessingJob request, "PropertyFiles"}</c>.
/// A local <see cref="Code"/> script is uploaded to <c>s3://&lt;default bucket&gt;/&lt;pipeline&gt;/code/&lt;hash&gt;/&lt;script&gt;</c>
/// and given to the job as the input <c>code</c>, as the Python SDK does.
/// </summary>
/// <param name="name">The step's name.</param>
/// <param name="processor">How the job runs.</param>
public sealed class ProcessingStep(string name, Processor processor) : JobStep(name)
{
    private const string CodeInputName = "code";
    private const string CodeDirectory = "/opt/ml/processing/input/code";

    /// <summary>How the job runs.</summary>
    public Processor Processor { get; set; } = processor;

    /// <summary>The data copied in.</summary>
    public IList<ProcessingInput> Inputs { get; init; } = [];

    /// <summary>The folders uploaded at the end.</summary>
    public IList<ProcessingOutput> Outputs { get; init; } = [];

    /// <summary>The arguments given to the container (<c>ContainerArguments</c>).</summary>
    public IList<PipelineValue> Arguments { get; init; } = [];

    /// <summary>The script to run: an <c>s3://</c> URI, or a local file that is uploaded.</summary>
    public string? Code { get; set; }

    /// <summary>JSON files the job writes to its outputs, for <see cref="JsonGet"/>.</summary>
    public IList<PropertyFile> PropertyFiles { get; init; } = [];

    /// <summary>
    /// The step's properties: the DescribeProcessingJob response, e.g.
    /// <c>Properties.ProcessingOutputConfig.Outputs["train"].S3Output.S3Uri</c>.
    /// </summary>
    public ProcessingJobProperties Properties => RootProperties<ProcessingJobProperties>();

    /// <inheritdoc />
    public override string StepType => "Processing";

    internal override JsonNode WriteArguments(BuildContext context)
    {
        var p = Processor;
        var cluster = new JsonObject
        {
            ["InstanceType"] = p.InstanceType.Write(context),
            ["InstanceCount"] = p.InstanceCount.Write(context),
            ["VolumeSizeInGB"] = p.VolumeSizeInGB.Write(context),
        }.Put("VolumeKmsKeyId", p.VolumeKmsKey, context);
        var app = new JsonObject { ["ImageUri"] = p.ImageUri.Write(context) };
        if (Arguments.Count > 0)
        {
            app["ContainerArguments"] = Json.Array(Arguments, context);
        }

        var inputs = Inputs
            .Select((input, i) => input.Write(input.InputName ?? $"input-{i + 1}", ResolveSource(input, i, context), context))
            .ToList();
        if (Code is not null)
        {
            var codeUri = ResolveCode(context);
            inputs.Add(new ProcessingInput(codeUri, CodeDirectory, CodeInputName).Write(CodeInputName, codeUri, context));
            PipelineValue script = $"{CodeDirectory}/{S3Paths.FileName(Code)}";
            app["ContainerEntrypoint"] = Json.Array([.. p.Command.Select(c => (PipelineValue)c), script], context);
        }
        else if (p.Entrypoint.Count > 0)
        {
            app["ContainerEntrypoint"] = Json.Array(p.Entrypoint, context);
        }

        var request = new JsonObject
        {
            ["ProcessingResources"] = new JsonObject { ["ClusterConfig"] = cluster },
            ["AppSpecification"] = app,
            ["RoleArn"] = p.Role.Write(context),
        };
        if (inputs.Count > 0)
        {
            request["ProcessingInputs"] = new JsonArray([.. inputs]);
        }

        if (Outputs.Count > 0)
        {
            var outputs = Outputs.Select((output, i) =>
            {
                var outputName = output.OutputName ?? $"output-{i + 1}";
                return (JsonNode)output.Write(outputName, output.Destination ?? DefaultDestination(outputName, context), context);
            });
            request["ProcessingOutputConfig"] = new JsonObject { ["Outputs"] = new JsonArray([.. outputs]) }
                .Put("KmsKeyId", p.OutputKmsKey, context);
        }

        if (p.Environment.Count > 0)
        {
            request["Environment"] = Json.Map(p.Environment, context);
        }

        request.Put("NetworkConfig", p.NetworkConfig?.Write());
        if (p.MaxRuntimeInSeconds is not null)
        {
            request["StoppingCondition"] = new JsonObject { ["MaxRuntimeInSeconds"] = p.MaxRuntimeInSeconds.Write(context) };
        }

        if (p.Tags.Count > 0)
        {
            request["Tags"] = new JsonArray([.. p.Tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]);
        }

        return request;
    }

    internal override void WriteTail(JsonObject request, BuildContext context)
    {
        base.WriteTail(request, context);
        if (PropertyFiles.Count > 0)
        {
            request["PropertyFiles"] = new JsonArray([.. PropertyFiles.Select(f => (JsonNode)f.ToJson())]);
        }
    }

    private PipelineValue ResolveCode(BuildContext context)
    {
        if (S3Paths.IsS3(Code!))
        {
            return Code!;
        }

        var file = LocalPath(Code!);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"the code '{Code}' of Processing step '{Name}' is not a file", Code);
        }

        var hash = CodeHash.Of([Code!]);
        var uri = S3Paths.Join(context.RequireDefaultBucket($"the code of Processing step '{Name}'"), context.Session.DefaultBucketPrefix,
            context.RequirePipelineName("uploaded code"), "code", hash, S3Paths.FileName(file));
        context.AddArtifact(new CodeArtifact(uri, file, () => File.OpenRead(file)));
        return uri;
    }

    private PipelineValue ResolveSource(ProcessingInput input, int index, BuildContext context)
    {
        if (input.Source.AsString() is not { } text || S3Paths.IsS3(text))
        {
            return input.Source;
        }

        var path = LocalPath(text);
        var inputName = input.InputName ?? $"input-{index + 1}";
        var prefix = S3Paths.Join(
            context.RequireDefaultBucket($"the local input '{text}' of Processing step '{Name}'"),
            context.Session.DefaultBucketPrefix,
            context.RequirePipelineName("uploaded inputs"), Name, "input", inputName);
        if (File.Exists(path))
        {
            var uri = prefix + "/" + Path.GetFileName(path);
            context.AddArtifact(new CodeArtifact(uri, path, () => File.OpenRead(path)));
            return uri;
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException(
                $"the input '{text}' of Processing step '{Name}' is neither an s3:// URI nor a local file or folder", text);
        }

        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(path, file).Replace(Path.DirectorySeparatorChar, '/');
            context.AddArtifact(new CodeArtifact(prefix + "/" + relative, file, () => File.OpenRead(file)));
        }

        return prefix;
    }

    private Join DefaultDestination(string outputName, BuildContext context) =>
        new("/", ["s3:/", context.RequireDefaultBucket($"output '{outputName}' of Processing step '{Name}'"),
            .. context.Session.DefaultBucketPrefix is { Length: > 0 } prefix ? new PipelineValue[] { prefix } : [],
            context.RequirePipelineName("default output destinations"),
            ExecutionVariables.PipelineExecutionId,
            Name,
            "output",
            outputName]);

    private static string LocalPath(string path) =>
        path.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? Uri.UnescapeDataString(path["file://".Length..]) : path;
}
