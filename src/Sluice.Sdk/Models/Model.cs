using System.Text.Json.Nodes;
using Sluice.Sdk.Code;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Models;

/// <summary>
/// A model to create or register (the Python SDK's <c>Model</c>, and its framework models when
/// <see cref="EntryPoint"/> is set): the inference image, the model artifacts and the environment. In script mode the
/// environment gets <c>SAGEMAKER_PROGRAM</c>, <c>SAGEMAKER_SUBMIT_DIRECTORY</c>,
/// <c>SAGEMAKER_CONTAINER_LOG_LEVEL</c> and <c>SAGEMAKER_REGION</c> after the variables given, as the Python SDK writes them.
/// </summary>
public sealed class Model
{
    /// <summary>The inference image.</summary>
    public required PipelineValue ImageUri { get; set; }

    /// <summary>The model artifacts, e.g. a Training step's <c>Properties.ModelArtifacts.S3ModelArtifacts</c>.</summary>
    public PipelineValue? ModelData { get; set; }

    /// <summary>The IAM role the model runs as (needed to create it).</summary>
    public PipelineValue? Role { get; set; }

    /// <summary>The container's environment.</summary>
    public IDictionary<string, PipelineValue> Environment { get; init; } = new OrderedDictionary<string, PipelineValue>();

    /// <summary>Script mode: the inference script, relative to <see cref="SourceDir"/>.</summary>
    public string? EntryPoint { get; set; }

    /// <summary>Script mode: the <c>s3://</c> URI of the <c>sourcedir.tar.gz</c> with the inference code.</summary>
    public string? SourceDir { get; set; }

    /// <summary>Script mode: the inference toolkit's log level (20 unless set).</summary>
    public int ContainerLogLevel { get; set; } = 20;

    /// <summary>Whether the container runs without network access.</summary>
    public PipelineValue? EnableNetworkIsolation { get; set; }

    /// <summary>Writes the container definition: <c>{"Image", "Environment", "ModelDataUrl"}</c>.</summary>
    internal JsonObject WriteContainer(BuildContext context)
    {
        var environment = Json.Map(Environment, context);
        if (EntryPoint is not null)
        {
            if (SourceDir is not null && !S3Paths.IsS3(SourceDir))
            {
                throw new NotSupportedException(
                    $"the model's SourceDir '{SourceDir}' is local; models take their inference code from an s3:// sourcedir.tar.gz (e.g. the one a training step's estimator uploads)");
            }

            environment["SAGEMAKER_PROGRAM"] = EntryPoint;
            environment["SAGEMAKER_SUBMIT_DIRECTORY"] = SourceDir ?? string.Empty;
            environment["SAGEMAKER_CONTAINER_LOG_LEVEL"] = Json.Compact(JsonValue.Create(ContainerLogLevel));
            environment["SAGEMAKER_REGION"] = context.Session.Region;
        }

        return new JsonObject { ["Image"] = ImageUri.Write(context), ["Environment"] = environment }
            .Put("ModelDataUrl", ModelData, context);
    }
}
