using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Processing;

/// <summary>
/// Data copied into a Processing job's container before it starts: an S3 prefix (or a step property, a parameter, a
/// local file or folder, which is uploaded) to <see cref="Destination"/>.
/// </summary>
/// <param name="source">Where the data is: an <c>s3://</c> URI, a variable, or a local path to upload.</param>
/// <param name="destination">The folder in the container, e.g. <c>/opt/ml/processing/input</c>.</param>
/// <param name="inputName">The input's name; <c>input-N</c> (its position, from 1) unless given.</param>
public sealed class ProcessingInput(PipelineValue source, PipelineValue destination, string? inputName = null)
{
    /// <summary>Where the data is.</summary>
    public PipelineValue Source { get; } = source;

    /// <summary>The folder in the container.</summary>
    public PipelineValue Destination { get; } = destination;

    /// <summary>The input's name, when given.</summary>
    public string? InputName { get; } = inputName;

    /// <summary><c>S3Prefix</c> (default) or <c>ManifestFile</c>.</summary>
    public PipelineValue S3DataType { get; init; } = "S3Prefix";

    /// <summary><c>File</c> (default), <c>Pipe</c> or <c>FastFile</c>.</summary>
    public PipelineValue S3InputMode { get; init; } = "File";

    /// <summary><c>FullyReplicated</c> (default) or <c>ShardedByS3Key</c>.</summary>
    public PipelineValue S3DataDistributionType { get; init; } = "FullyReplicated";

    /// <summary><c>None</c> (default) or <c>Gzip</c>.</summary>
    public PipelineValue S3CompressionType { get; init; } = "None";

    /// <summary>Whether the application manages the input; <see langword="false"/> unless set.</summary>
    public PipelineValue AppManaged { get; init; } = false;

    /// <summary>Writes the input with its name and resolved source.</summary>
    internal JsonObject Write(string name, PipelineValue source, BuildContext context) => new()
    {
        ["InputName"] = name,
        ["AppManaged"] = AppManaged.Write(context),
        ["S3Input"] = new JsonObject
        {
            ["S3Uri"] = source.Write(context),
            ["LocalPath"] = Destination.Write(context),
            ["S3DataType"] = S3DataType.Write(context),
            ["S3InputMode"] = S3InputMode.Write(context),
            ["S3DataDistributionType"] = S3DataDistributionType.Write(context),
            ["S3CompressionType"] = S3CompressionType.Write(context),
        },
    };
}
