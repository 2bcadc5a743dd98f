using Sluice.Config.Reading;
using Sluice.Config.Shared;
using Sluice.Definitions;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Processing;
using Sluice.Sdk.Properties;

namespace Sluice.Config.Factories.Processing;

/// <summary>
/// The keys Processing and FrameworkProcessing steps share: the processor (<c>image_uri</c>, <c>role</c>,
/// <c>instance_type</c>, <c>instance_count</c>, <c>volume_size_in_gb</c>, <c>volume_kms_key</c>, <c>output_kms_key</c>,
/// <c>max_runtime_in_seconds</c>, <c>environment</c>, <c>network_config</c>, <c>tags</c>), <c>inputs</c>,
/// <c>outputs</c>, <c>arguments</c> and <c>property_files</c>.
/// </summary>
internal static class ProcessingJobReader
{
    public static Processor ReadProcessor(ConfigSection section, SharedConfig shared, IList<string> command, IList<PipelineValue> entrypoint)
    {
        var processor = new Processor
        {
            ImageUri = Fallbacks.ImageUri(section, shared),
            Role = Fallbacks.Role(section, shared),
            InstanceType = Fallbacks.InstanceType(section, shared),
            InstanceCount = Fallbacks.InstanceCount(section, shared),
            VolumeSizeInGB = Fallbacks.VolumeSizeInGB(section, shared),
            VolumeKmsKey = section.OptionalValue("volume_kms_key"),
            OutputKmsKey = section.OptionalValue("output_kms_key"),
            MaxRuntimeInSeconds = Fallbacks.MaxRuntimeInSeconds(section, shared),
            Command = command,
            Entrypoint = entrypoint,
            Environment = Fallbacks.Ordered(section.ValueMap("environment")),
            Tags = Fallbacks.Tags(section, shared),
        };
        if (section.OptionalSection("network_config") is { } network)
        {
            processor.NetworkConfig = new NetworkConfig
            {
                EnableNetworkIsolation = network.OptionalBoolean("enable_network_isolation") ?? false,
                EncryptInterContainerTraffic = network.OptionalBoolean("encrypt_inter_container_traffic"),
                SecurityGroupIds = network.Has("security_group_ids") ? network.Texts("security_group_ids") : null,
                Subnets = network.Has("subnets") ? network.Texts("subnets") : null,
            };
        }

        return processor;
    }

    public static List<ProcessingInput> ReadInputs(ConfigSection section) =>
        [.. section.Sections("inputs").Select(input =>
        {
            var source = input.Value("source");
            if (Fallbacks.LiteralText(source) is { } text && !Fallbacks.IsS3(text)
                && !File.Exists(Fallbacks.LocalPath(text)) && !Directory.Exists(Fallbacks.LocalPath(text)))
            {
                throw input.Error("source", $"'{text}' is neither an s3:// URI nor a local file or folder (local paths are relative to the working directory)");
            }

            return new ProcessingInput(source, input.Value("destination"), input.OptionalText("input_name"))
            {
                S3DataType = input.OptionalValue("s3_data_type") ?? "S3Prefix",
                S3InputMode = input.OptionalValue("s3_input_mode") ?? "File",
                S3DataDistributionType = input.OptionalValue("s3_data_distribution_type") ?? "FullyReplicated",
                S3CompressionType = input.OptionalValue("s3_compression_type") ?? "None",
            };
        })];

    public static List<ProcessingOutput> ReadOutputs(ConfigSection section) =>
        [.. section.Sections("outputs").Select(output =>
            new ProcessingOutput(output.Value("source"), output.OptionalValue("destination"), output.OptionalText("output_name"))
            {
                S3UploadMode = output.OptionalValue("s3_upload_mode") ?? "EndOfJob",
            })];

    public static List<PropertyFile> ReadPropertyFiles(ConfigSection section, IReadOnlyList<ProcessingOutput> outputs)
    {
        var outputNames = outputs.Select((o, i) => o.OutputName ?? $"output-{i + 1}").ToList();
        return [.. section.Sections("property_files").Select(file =>
        {
            var outputName = file.Text("output_name");
            return outputNames.Contains(outputName)
                ? new PropertyFile(file.Text("name"), outputName, file.Text("file_path"))
                : throw file.Error("output_name", $"the step has no output '{outputName}'{Spelling.Hint(outputName, outputNames)}; " +
                    $"outputs: {(outputNames.Count == 0 ? "none" : string.Join(", ", outputNames))}");
        })];
    }
}
