using System.Text.Json;
using Sluice.Core.Jobs;
using Sluice.Definitions.Json;

namespace Sluice.Core.Steps;

/// <summary>One InputDataConfig channel.</summary>
/// <param name="Name">ChannelName: the folder under /opt/ml/input/data.</param>
/// <param name="Source">Its S3Uri.</param>
/// <param name="DataType">Its S3DataType (S3Prefix when absent).</param>
/// <param name="Distribution">Its S3DataDistributionType (FullyReplicated when absent).</param>
internal sealed record TrainingChannel(string Name, string Source, string DataType, string Distribution = "FullyReplicated")
{
    /// <summary>The channels of a training request.</summary>
    /// <exception cref="ArgumentException">When a channel has no name.</exception>
    /// <exception cref="NotSupportedException">When a channel is not an S3 data source.</exception>
    public static List<TrainingChannel> All(JsonElement arguments) =>
    [
        .. JobSteps.Items(arguments.Member("InputDataConfig")).Select(channel =>
        {
            var name = channel.Member("ChannelName").TryGetString(out var n) ? n : throw new ArgumentException("every InputDataConfig channel needs a ChannelName");
            var source = channel.Member("DataSource").Member("S3DataSource").Member("S3Uri").TryGetString(out var s)
                ? s : throw new NotSupportedException($"channel '{name}': only S3DataSource channels can be read on this machine");
            var dataType = channel.Member("DataSource").Member("S3DataSource").Member("S3DataType").TryGetString(out var t) ? t : "S3Prefix";
            var distribution = channel.Member("DataSource").Member("S3DataSource").Member("S3DataDistributionType").TryGetString(out var d) ? d : "FullyReplicated";
            return new TrainingChannel(name, source, dataType, distribution);
        }),
    ];
}
