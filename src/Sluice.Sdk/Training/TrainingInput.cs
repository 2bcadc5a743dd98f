using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Training;

/// <summary>A training channel's data (the Python SDK's <c>TrainingInput</c>): an S3 prefix, usually a step property or a parameter.</summary>
/// <param name="s3Data">Where the data is.</param>
public sealed class TrainingInput(PipelineValue s3Data)
{
    /// <summary>Where the data is.</summary>
    public PipelineValue S3Data { get; } = s3Data;

    /// <summary><c>S3Prefix</c> (default), <c>ManifestFile</c> or <c>AugmentedManifestFile</c>.</summary>
    public PipelineValue S3DataType { get; init; } = "S3Prefix";

    /// <summary><c>FullyReplicated</c> (default) or <c>ShardedByS3Key</c>.</summary>
    public PipelineValue Distribution { get; init; } = "FullyReplicated";

    /// <summary>The data's compression, e.g. <c>Gzip</c>.</summary>
    public PipelineValue? Compression { get; init; }

    /// <summary>The data's MIME type, e.g. <c>text/csv</c>.</summary>
    public PipelineValue? ContentType { get; init; }

    /// <summary>The record wrapping, e.g. <c>RecordIO</c>.</summary>
    public PipelineValue? RecordWrapping { get; init; }

    /// <summary>The channel's input mode, overriding the estimator's.</summary>
    public PipelineValue? InputMode { get; init; }

    /// <summary>Writes the channel.</summary>
    internal JsonObject Write(string channelName, BuildContext context)
    {
        var source = new JsonObject { ["S3DataType"] = S3DataType.Write(context), ["S3Uri"] = S3Data.Write(context) }
            .Put("S3DataDistributionType", Distribution, context);
        return new JsonObject { ["DataSource"] = new JsonObject { ["S3DataSource"] = source } }
            .Put("CompressionType", Compression, context)
            .Put("ContentType", ContentType, context)
            .Put("RecordWrapperType", RecordWrapping, context)
            .Put("InputMode", InputMode, context)
            .Put("ChannelName", channelName);
    }
}
