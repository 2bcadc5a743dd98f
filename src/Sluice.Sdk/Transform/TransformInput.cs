using Sluice.Sdk.Expressions;

namespace Sluice.Sdk.Transform;

/// <summary>The data a Transform step runs over (the Python SDK's <c>TransformInput</c>).</summary>
/// <param name="data">Where the data is.</param>
public sealed class TransformInput(PipelineValue data)
{
    /// <summary>Where the data is.</summary>
    public PipelineValue Data { get; } = data;

    /// <summary><c>S3Prefix</c> (default) or <c>ManifestFile</c>.</summary>
    public PipelineValue DataType { get; init; } = "S3Prefix";

    /// <summary>The MIME type of the data.</summary>
    public PipelineValue? ContentType { get; init; }

    /// <summary>The data's compression: <c>None</c> or <c>Gzip</c>.</summary>
    public PipelineValue? CompressionType { get; init; }

    /// <summary>How records are split: <c>None</c>, <c>Line</c>, <c>RecordIO</c> or <c>TFRecord</c>.</summary>
    public PipelineValue? SplitType { get; init; }

    /// <summary>A JSONPath selecting the part of each record sent to the model.</summary>
    public PipelineValue? InputFilter { get; init; }

    /// <summary>A JSONPath selecting the part of each result kept.</summary>
    public PipelineValue? OutputFilter { get; init; }

    /// <summary><c>Input</c> to join each result with its record, or <c>None</c>.</summary>
    public PipelineValue? JoinSource { get; init; }
}
