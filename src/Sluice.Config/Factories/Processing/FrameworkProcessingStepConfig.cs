using Sluice.Config.Reading;
using Sluice.Config.Shared;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Processing;
using Sluice.Sdk.Properties;

namespace Sluice.Config.Factories.Processing;

/// <summary>
/// The config model of <see cref="FrameworkProcessingStepFactory"/>: a processing job that runs <c>entry_point</c>
/// from a whole source folder (the SageMaker Python SDK's <c>FrameworkProcessor</c>, whose <c>run(code, source_dir)</c>
/// ships helper modules with the script). The folder, <c>source_dir</c> (a local folder, uploaded, or an <c>s3://</c>
/// prefix), is the input <c>code</c> at <c>/opt/ml/processing/input/code</c>, and the container runs
/// <c>command</c> (<c>python3</c> unless given) with the entry point there, followed by <c>arguments</c>. The other
/// keys are <see cref="ProcessingStepConfig"/>'s, without <c>code</c> and <c>entrypoint</c>.
/// </summary>
/// <example>
/// <code>
/// step_name: Features
/// step_factory_class: FrameworkProcessingStepFactory
/// source_dir: code/features        # holds features.py and the modules it imports
/// entry_point: features.py
/// inputs:
///   - {source: "${steps.PrepareData.outputs.train}", destination: /opt/ml/processing/input/train}
/// outputs:
///   - {output_name: features, source: /opt/ml/processing/features}
/// </code>
/// </example>
public sealed record FrameworkProcessingStepConfig
{
    /// <summary>Where the source folder is put in the container.</summary>
    public const string CodeDirectory = "/opt/ml/processing/input/code";

    /// <summary>How the job runs; its entry point runs the script from <see cref="CodeDirectory"/>.</summary>
    public required Processor Processor { get; init; }

    /// <summary><c>source_dir</c>: the source folder, a local folder or an <c>s3://</c> prefix.</summary>
    public required string SourceDir { get; init; }

    /// <summary><c>entry_point</c>: the script in the source folder.</summary>
    public required string EntryPoint { get; init; }

    /// <summary><c>inputs</c>, followed by the source folder as the input <c>code</c>.</summary>
    public IReadOnlyList<ProcessingInput> Inputs { get; init; } = [];

    /// <summary><c>outputs</c>.</summary>
    public IReadOnlyList<ProcessingOutput> Outputs { get; init; } = [];

    /// <summary><c>arguments</c>: the script's arguments.</summary>
    public IReadOnlyList<PipelineValue> Arguments { get; init; } = [];

    /// <summary><c>property_files</c>.</summary>
    public IReadOnlyList<PropertyFile> PropertyFiles { get; init; } = [];

    /// <summary>Reads the model from a step's configuration.</summary>
    /// <param name="section">The step file's top level.</param>
    /// <param name="shared">The shared configuration, for defaults.</param>
    /// <returns>The model.</returns>
    public static FrameworkProcessingStepConfig Read(ConfigSection section, SharedConfig shared)
    {
        var sourceDir = section.Text("source_dir");
        var entryPoint = section.Text("entry_point");
        if (!Fallbacks.IsS3(sourceDir))
        {
            var folder = Fallbacks.LocalPath(sourceDir);
            if (!Directory.Exists(folder))
            {
                throw section.Error("source_dir", $"'{sourceDir}' is neither an s3:// prefix nor a local folder (local paths are relative to the working directory)");
            }

            if (!File.Exists(Path.Combine(folder, entryPoint)))
            {
                throw section.Error("entry_point", $"'{entryPoint}' is not in the source folder '{sourceDir}'");
            }
        }

        var command = section.Has("command") ? section.Texts("command") : ["python3"];
        var processor = ProcessingJobReader.ReadProcessor(
            section, shared, [.. command], [.. command.Select(c => (PipelineValue)c), $"{CodeDirectory}/{entryPoint.TrimStart('/')}"]);
        var inputs = ProcessingJobReader.ReadInputs(section);
        if (inputs.Any(i => i.InputName == "code"))
        {
            throw section.Error("inputs", "the input name 'code' is the source folder's; name the input otherwise");
        }

        inputs.Add(new ProcessingInput(sourceDir, CodeDirectory, "code"));
        var outputs = ProcessingJobReader.ReadOutputs(section);
        return new FrameworkProcessingStepConfig
        {
            Processor = processor,
            SourceDir = sourceDir,
            EntryPoint = entryPoint,
            Inputs = inputs,
            Outputs = outputs,
            Arguments = section.Values("arguments"),
            PropertyFiles = ProcessingJobReader.ReadPropertyFiles(section, outputs),
        };
    }
}
