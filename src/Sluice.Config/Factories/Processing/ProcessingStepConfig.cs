using Sluice.Config.Reading;
using Sluice.Config.Shared;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Processing;
using Sluice.Sdk.Properties;

namespace Sluice.Config.Factories.Processing;

/// <summary>
/// The config model of <see cref="ProcessingStepFactory"/>: a processing job that runs a script (<c>code</c>, run with
/// <c>command</c>, <c>python3</c> unless given) or the container's <c>entrypoint</c>.
/// </summary>
/// <example>
/// <code>
/// step_name: PrepareData
/// step_factory_class: ProcessingStepFactory
/// instance_type: ${parameters.ProcessingInstanceType}   # else defaults.instance_type
/// inputs:
///   - source: ${parameters.InputData}
///     destination: /opt/ml/processing/input/data
/// outputs:
///   - output_name: train
///     source: /opt/ml/processing/train
///     destination: s3://${shared.bucket}/prepared/train
/// code: code/preprocess.py          # a local file (uploaded) or an s3:// URI
/// arguments: [--test-size, "0.2"]
/// property_files:
///   - {name: Statistics, output_name: train, file_path: stats.json}
/// </code>
/// </example>
public sealed record ProcessingStepConfig
{
    /// <summary>How the job runs.</summary>
    public required Processor Processor { get; init; }

    /// <summary><c>inputs</c>: <c>{source, destination, input_name, s3_data_type, s3_input_mode, s3_data_distribution_type, s3_compression_type}</c>.</summary>
    public IReadOnlyList<ProcessingInput> Inputs { get; init; } = [];

    /// <summary><c>outputs</c>: <c>{source, destination, output_name, s3_upload_mode}</c>.</summary>
    public IReadOnlyList<ProcessingOutput> Outputs { get; init; } = [];

    /// <summary><c>arguments</c>: the container's arguments.</summary>
    public IReadOnlyList<PipelineValue> Arguments { get; init; } = [];

    /// <summary><c>code</c>: the script, an <c>s3://</c> URI or a local file (relative to the working directory), which is uploaded.</summary>
    public string? Code { get; init; }

    /// <summary><c>property_files</c>: <c>{name, output_name, file_path}</c>.</summary>
    public IReadOnlyList<PropertyFile> PropertyFiles { get; init; } = [];

    /// <summary>Reads the model from a step's configuration.</summary>
    /// <param name="section">The step file's top level.</param>
    /// <param name="shared">The shared configuration, for defaults.</param>
    /// <returns>The model.</returns>
    public static ProcessingStepConfig Read(ConfigSection section, SharedConfig shared)
    {
        var code = section.OptionalText("code");
        if (code is not null && !Fallbacks.IsS3(code) && !File.Exists(Fallbacks.LocalPath(code)))
        {
            throw section.Error("code", $"'{code}' is neither an s3:// URI nor a local file (local paths are relative to the working directory)");
        }

        var entrypoint = section.Values("entrypoint");
        if (code is not null && entrypoint.Count > 0)
        {
            throw section.Error("entrypoint", "give code (a script run with command) or entrypoint, not both");
        }

        var processor = ProcessingJobReader.ReadProcessor(
            section, shared, section.Has("command") ? [.. section.Texts("command")] : ["python3"], [.. entrypoint]);
        var outputs = ProcessingJobReader.ReadOutputs(section);
        return new ProcessingStepConfig
        {
            Processor = processor,
            Inputs = ProcessingJobReader.ReadInputs(section),
            Outputs = outputs,
            Arguments = section.Values("arguments"),
            Code = code,
            PropertyFiles = ProcessingJobReader.ReadPropertyFiles(section, outputs),
        };
    }
}
