using Sluice.Config.Reading;
using Sluice.Config.Shared;
using Sluice.Sdk.Transform;

namespace Sluice.Config.Factories.Transform;

/// <summary>
/// The config model of <see cref="TransformStepFactory"/>: a batch transform job with <c>model_name</c> (usually
/// <c>${steps.CreateModel.ModelName}</c>), <c>instance_type</c>, <c>instance_count</c>, <c>output_path</c>,
/// <c>output_kms_key</c>, <c>assemble_with</c>, <c>accept</c>, <c>volume_kms_key</c>, <c>strategy</c>,
/// <c>max_concurrent_transforms</c>, <c>max_payload_in_mb</c>, <c>environment</c>, and <c>input</c>:
/// <c>{data, data_type, content_type, compression_type, split_type, input_filter, output_filter, join_source}</c>.
/// </summary>
/// <example>
/// <code>
/// step_name: BatchTransform
/// step_factory_class: TransformStepFactory
/// model_name: ${steps.CreateModel.ModelName}
/// instance_type: ml.m5.large
/// output_path: s3://${shared.bucket}/transform
/// input:
///   data: ${steps.PrepareData.outputs.test}
///   content_type: text/csv
///   split_type: Line
/// </code>
/// </example>
public sealed record TransformStepConfig
{
    /// <summary>How the job runs.</summary>
    public required Transformer Transformer { get; init; }

    /// <summary><c>input</c>: the data it runs over.</summary>
    public required TransformInput Input { get; init; }

    /// <summary>Reads the model from a step's configuration.</summary>
    /// <param name="section">The step file's top level.</param>
    /// <param name="shared">The shared configuration, for defaults.</param>
    /// <returns>The model.</returns>
    public static TransformStepConfig Read(ConfigSection section, SharedConfig shared)
    {
        var transformer = new Transformer
        {
            ModelName = section.Value("model_name"),
            InstanceType = Fallbacks.InstanceType(section, shared),
            InstanceCount = Fallbacks.InstanceCount(section, shared),
            OutputPath = section.Value("output_path"),
            OutputKmsKey = section.OptionalValue("output_kms_key"),
            AssembleWith = section.OptionalValue("assemble_with"),
            Accept = section.OptionalValue("accept"),
            VolumeKmsKey = section.OptionalValue("volume_kms_key"),
            Strategy = section.OptionalValue("strategy"),
            MaxConcurrentTransforms = section.OptionalValue("max_concurrent_transforms", ValueKind.Integer),
            MaxPayload = section.OptionalValue("max_payload_in_mb", ValueKind.Integer),
            Environment = Fallbacks.Ordered(section.ValueMap("environment")),
        };
        var input = section.Section("input");
        return new TransformStepConfig
        {
            Transformer = transformer,
            Input = new TransformInput(input.Value("data"))
            {
                DataType = input.OptionalValue("data_type") ?? "S3Prefix",
                ContentType = input.OptionalValue("content_type"),
                CompressionType = input.OptionalValue("compression_type"),
                SplitType = input.OptionalValue("split_type"),
                InputFilter = input.OptionalValue("input_filter"),
                OutputFilter = input.OptionalValue("output_filter"),
                JoinSource = input.OptionalValue("join_source"),
            },
        };
    }
}
