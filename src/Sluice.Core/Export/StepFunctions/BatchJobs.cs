using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Definitions;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>
/// Processing and Training steps as AWS Batch jobs: a job definition per distinct (image, size, timeout) named by
/// the hash of its content, and states that build the step's request, submit the job with <c>.sync</c>, and read the
/// properties the bootstrap wrote to S3.
/// </summary>
internal sealed class BatchJobs(ExportContext context, StepNames names, ExpressionTranslator translator)
{
    private readonly Dictionary<string, (JsonObject Definition, List<string> Steps)> _definitions = new(StringComparer.Ordinal);

    /// <summary>The job definitions made so far, in the order first used.</summary>
    public IReadOnlyList<BatchJobDefinition> Definitions =>
        _definitions.Select(d => new BatchJobDefinition(d.Key, d.Value.Steps, d.Value.Definition)).ToList();

    /// <summary>The bootstrap every job runs: stages inputs from S3, runs the step's command, uploads outputs and properties.</summary>
    public static string Bootstrap { get; } = ReadBootstrap();

    /// <summary>The S3 key (under the artifact bucket) of a step's properties, as an ASL expression.</summary>
    public static string PropertiesKey(StepDefinition step) =>
        $"States.Format('sluice/{{}}/{AslText.EscapeForFormat(step.Name)}/properties.json', $$.Execution.Name)";

    public Fragment Build(StepDefinition step, StepScratch scratch)
    {
        var nameMember = step.Type switch
        {
            StepType.Processing => "ProcessingJobName",
            StepType.Training => "TrainingJobName",
            _ => "TransformJobName",
        };
        var request = translator.TranslateTree(scratch, step.Arguments ?? default, "Arguments") as JsonObject ?? new JsonObject();
        request.Remove(nameMember);
        request[nameMember + ".$"] = names.JobName(step);
        var definitionName = Definition(step);

        var build = new JsonObject { ["Type"] = "Pass", ["Parameters"] = request, ["ResultPath"] = "$.Request" };
        var submit = new JsonObject
        {
            ["JobName.$"] = names.JobName(step),
            ["JobQueue"] = "${JobQueueArn}",
            ["JobDefinition"] = definitionName,
            ["ContainerOverrides"] = new JsonObject
            {
                ["Environment"] = new JsonArray(
                    new JsonObject { ["Name"] = "SLUICE_STEP_TYPE", ["Value"] = step.TypeName },
                    new JsonObject { ["Name"] = "SLUICE_REQUEST", ["Value.$"] = "States.JsonToString($.Request)" },
                    new JsonObject
                    {
                        ["Name"] = "SLUICE_PROPERTIES_URI",
                        ["Value.$"] = $"States.Format('s3://${{ArtifactBucket}}/sluice/{{}}/{AslText.EscapeForFormat(step.Name)}/properties.json', $$.Execution.Name)",
                    }),
            },
        };
        var task = new JsonObject { ["Type"] = "Task", ["Resource"] = "arn:aws:states:::batch:submitJob.sync", ["Parameters"] = submit };
        if (step.RetryPolicies.Count > 0)
        {
            // The retry policy is the same as for SageMaker tasks (built by StepStates); copy it here.
            var states = new StepStates(context, names, translator, this);
            task["Retry"] = states.Task(step, string.Empty, new JsonObject())["Retry"]?.DeepClone();
        }

        task["ResultPath"] = AslText.Member("$.Steps", step.Name);
        var read = new JsonObject
        {
            ["Type"] = "Task",
            ["Resource"] = "arn:aws:states:::aws-sdk:s3:getObject",
            ["Parameters"] = new JsonObject { ["Bucket"] = "${ArtifactBucket}", ["Key.$"] = PropertiesKey(step) },
            ["ResultSelector"] = new JsonObject { ["Properties.$"] = "States.StringToJson($.Body)" },
            ["ResultPath"] = AslText.Member("$.Steps", step.Name),
        };
        return Fragment.Sequence(
            (context.StateName(step.Name, "Request"), build),
            (step.Name, task),
            (context.StateName(step.Name, "Properties"), read));
    }

    private string Definition(StepDefinition step)
    {
        var arguments = step.Arguments;
        var (imagePath, typePath, countPath) = step.Type switch
        {
            StepType.Processing => ("AppSpecification.ImageUri", "ProcessingResources.ClusterConfig.InstanceType", "ProcessingResources.ClusterConfig.InstanceCount"),
            StepType.Training => ("AlgorithmSpecification.TrainingImage", "ResourceConfig.InstanceType", "ResourceConfig.InstanceCount"),
            _ => (string.Empty, "TransformResources.InstanceType", "TransformResources.InstanceCount"),
        };
        var image = (step.Type == StepType.Transform ? TransformImage(step) : Literal(step, imagePath, "the image of a Batch job definition")) ?? "unknown";
        var instanceType = Literal(step, typePath, "the size of a Batch job definition") ?? "ml.m5.large";
        if (Member(arguments, countPath) is { ValueKind: JsonValueKind.Number } count && (!count.TryGetInt32(out var instances) || instances > 1))
        {
            context.Approximate(step, "Arguments." + countPath, $"{count.GetRawText()} instances become one Batch container");
        }

        if (!InstanceSizes.TryGet(instanceType, out var vcpus, out var memory))
        {
            context.Error(step, "Arguments." + typePath, $"'{instanceType}' is not an instance type with a known size for Batch (known families: {InstanceSizes.Known})");
        }

        var definition = new JsonObject
        {
            ["Type"] = "container",
            ["PlatformCapabilities"] = new JsonArray("EC2"),
            ["ContainerProperties"] = new JsonObject
            {
                ["Image"] = image,
                ["Command"] = step.Type == StepType.Transform
                    ? new JsonArray("python3", "-c", Bootstrap, TransformShim)
                    : new JsonArray("python3", "-c", Bootstrap),
                ["ResourceRequirements"] = new JsonArray(
                    new JsonObject { ["Type"] = "VCPU", ["Value"] = vcpus.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    new JsonObject { ["Type"] = "MEMORY", ["Value"] = memory.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            },
            ["RetryStrategy"] = new JsonObject { ["Attempts"] = 1 },
        };
        if (Member(arguments, "StoppingCondition.MaxRuntimeInSeconds") is { ValueKind: JsonValueKind.Number } runtime)
        {
            if (runtime.TryGetInt32(out var seconds) && seconds > 0)
            {
                definition["Timeout"] = new JsonObject { ["AttemptDurationSeconds"] = Math.Max(60, seconds) };
            }
            else
            {
                context.Error(step, "Arguments.StoppingCondition.MaxRuntimeInSeconds", $"{runtime.GetRawText()} is not a number of seconds a Batch timeout can take");
            }
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(definition.ToJsonString())))[..32];
        var name = "sluice-" + hash;
        if (!_definitions.TryGetValue(name, out var entry))
        {
            entry = (definition, []);
            _definitions[name] = entry;
        }

        entry.Steps.Add(step.Name);
        return name;
    }

    /// <summary>The image of a Transform step's model: the Model step in this pipeline that its ModelName reads.</summary>
    private string? TransformImage(StepDefinition step)
    {
        var modelName = Member(step.Arguments, "ModelName");
        if (modelName is { ValueKind: JsonValueKind.Object } obj && obj.Member("Get") is { ValueKind: JsonValueKind.String } get
            && ExpressionReader.ParseReference(get.GetString()!, out _) is StepPropertyReference reference
            && context.Definition.TryGetStep(reference.StepName, out var model) && model.Type == StepType.Model)
        {
            var image = Member(model.Arguments, "PrimaryContainer.Image");
            if (image is { ValueKind: JsonValueKind.String } text)
            {
                return text.GetString();
            }

            context.Error(step, "Arguments.ModelName", $"the image of Model step '{model.Name}' (PrimaryContainer.Image) must be a literal for a Batch job definition");
            return null;
        }

        context.Error(step, "Arguments.ModelName", "a Transform step runs on Batch in its model's image, so its ModelName must read the ModelName of a Model step of this pipeline");
        return null;
    }

    /// <summary>A string the job definition needs now: a literal, or a parameter's default (an approximation).</summary>
    private string? Literal(StepDefinition step, string path, string what)
    {
        var node = Member(step.Arguments, path);
        if (node is { ValueKind: JsonValueKind.String } text)
        {
            return text.GetString();
        }

        var at = "Arguments." + path;
        if (node is { ValueKind: JsonValueKind.Object } obj && obj.Member("Get") is { ValueKind: JsonValueKind.String } get
            && ExpressionReader.ParseReference(get.GetString()!, out _) is ParameterReference parameter
            && context.Definition.FindParameter(parameter.Name) is { DefaultValue: { ValueKind: JsonValueKind.String } value })
        {
            context.Approximate(step, at, $"{what} is fixed when the job definition is registered: parameter '{parameter.Name}' takes its default '{value.GetString()}' there, whatever the execution passes");
            return value.GetString();
        }

        context.Error(step, at, $"{what} must be known when the job definition is registered: a literal, or a parameter with a default");
        return null;
    }

    private static JsonElement? Member(JsonElement? node, string dotted)
    {
        foreach (var name in dotted.Split('.'))
        {
            node = node is { ValueKind: JsonValueKind.Object } ? node.Member(name) : null;
        }

        return node;
    }

    /// <summary>Sluice's batch transform shim (the one <c>sluice run</c> uses), passed to Transform jobs as the bootstrap's argument.</summary>
    private static string TransformShim { get; } = ReadResource("Sluice.Core.Jobs.Shims.transform.py");

    private static string ReadBootstrap() => ReadResource("Sluice.Core.Export.StepFunctions.batch_bootstrap.py");

    private static string ReadResource(string name)
    {
        using var stream = typeof(BatchJobs).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(name + " is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
