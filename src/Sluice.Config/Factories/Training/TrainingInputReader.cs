using Sluice.Config.Reading;
using Sluice.Sdk.Training;

namespace Sluice.Config.Factories.Training;

/// <summary>
/// Reads training channels: <c>inputs</c>, a mapping of channel names to
/// <c>{s3_data, s3_data_type, distribution, compression, content_type, record_wrapping, input_mode}</c>.
/// </summary>
internal static class TrainingInputReader
{
    public static List<KeyValuePair<string, TrainingInput>> Read(ConfigSection section) =>
        [.. section.NamedSections("inputs").Select(channel => new KeyValuePair<string, TrainingInput>(
            channel.Key,
            new TrainingInput(channel.Value.Value("s3_data"))
            {
                S3DataType = channel.Value.OptionalValue("s3_data_type") ?? "S3Prefix",
                Distribution = channel.Value.OptionalValue("distribution") ?? "FullyReplicated",
                Compression = channel.Value.OptionalValue("compression"),
                ContentType = channel.Value.OptionalValue("content_type"),
                RecordWrapping = channel.Value.OptionalValue("record_wrapping"),
                InputMode = channel.Value.OptionalValue("input_mode"),
            }))];
}
