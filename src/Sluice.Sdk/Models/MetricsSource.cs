using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Models;

/// <summary>A metrics file of a model package: <c>{"ContentType", "S3Uri", "ContentDigest"}</c>.</summary>
/// <param name="contentType">The file's MIME type, e.g. <c>application/json</c>.</param>
/// <param name="s3Uri">Where the file is.</param>
public sealed class MetricsSource(PipelineValue contentType, PipelineValue s3Uri)
{
    /// <summary>The file's MIME type.</summary>
    public PipelineValue ContentType { get; } = contentType;

    /// <summary>Where the file is.</summary>
    public PipelineValue S3Uri { get; } = s3Uri;

    /// <summary>The file's digest.</summary>
    public PipelineValue? ContentDigest { get; init; }

    internal JsonObject Write(BuildContext context) =>
        new JsonObject { ["ContentType"] = ContentType.Write(context), ["S3Uri"] = S3Uri.Write(context) }.Put("ContentDigest", ContentDigest, context);
}
