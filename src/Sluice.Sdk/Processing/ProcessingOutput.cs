using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Processing;

/// <summary>
/// A folder of a Processing job's container uploaded when the job ends. Without a destination it goes to
/// <c>s3://&lt;default bucket&gt;/&lt;pipeline&gt;/&lt;execution id&gt;/&lt;step&gt;/output/&lt;name&gt;</c>, as in the Python SDK.
/// </summary>
/// <param name="source">The folder in the container, e.g. <c>/opt/ml/processing/train</c>.</param>
/// <param name="destination">Where it is uploaded; derived from the default bucket unless given.</param>
/// <param name="outputName">The output's name; <c>output-N</c> (its position, from 1) unless given.</param>
public sealed class ProcessingOutput(PipelineValue source, PipelineValue? destination = null, string? outputName = null)
{
    /// <summary>The folder in the container.</summary>
    public PipelineValue Source { get; } = source;

    /// <summary>Where it is uploaded, when given.</summary>
    public PipelineValue? Destination { get; } = destination;

    /// <summary>The output's name, when given.</summary>
    public string? OutputName { get; } = outputName;

    /// <summary><c>EndOfJob</c> (default) or <c>Continuous</c>.</summary>
    public PipelineValue S3UploadMode { get; init; } = "EndOfJob";

    /// <summary>Whether the application manages the output; <see langword="false"/> unless set.</summary>
    public PipelineValue AppManaged { get; init; } = false;

    /// <summary>Writes the output with its name and resolved destination.</summary>
    internal JsonObject Write(string name, PipelineValue destination, BuildContext context) => new()
    {
        ["OutputName"] = name,
        ["AppManaged"] = AppManaged.Write(context),
        ["S3Output"] = new JsonObject
        {
            ["S3Uri"] = destination.Write(context),
            ["LocalPath"] = Source.Write(context),
            ["S3UploadMode"] = S3UploadMode.Write(context),
        },
    };
}
