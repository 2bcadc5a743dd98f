using Sluice.Client.SageMaker;
using Sluice.Sdk.Code;

namespace Sluice.Sdk.Remote;

/// <summary>What <see cref="Pipeline.UpsertAsync"/> sends besides the definition, role and description.</summary>
public sealed record PipelineUpsertOptions
{
    /// <summary>The pipeline's display name (<c>PipelineDisplayName</c>); the service uses the name when <see langword="null"/>.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Tags for a new pipeline. As with the Python SDK's <c>upsert</c>, they are sent with <c>CreatePipeline</c> only: an update keeps the pipeline's tags.</summary>
    public IReadOnlyList<Tag>? Tags { get; init; }

    /// <summary>At most this many steps of an execution at once (<c>ParallelismConfiguration</c>); the service's default when <see langword="null"/>.</summary>
    public int? MaxParallelExecutionSteps { get; init; }

    /// <summary>
    /// Where to upload code and large definitions, e.g. an S3 implementation of <see cref="ICodeUploader"/>. When set,
    /// the pipeline's local code is uploaded first (<see cref="Pipeline.UploadCodeAsync"/>), and, when
    /// <see cref="PipelineSession.DefaultBucket"/> is set, a definition of <see cref="Pipeline.InlineDefinitionLimitBytes"/>
    /// or more goes to <c>s3://&lt;DefaultBucket&gt;/&lt;DefaultBucketPrefix&gt;/&lt;name&gt;</c> and is sent as
    /// <c>PipelineDefinitionS3Location</c>, as the Python SDK does. Otherwise the definition is sent inline, which
    /// SageMaker accepts up to <see cref="Pipeline.MaxInlineDefinitionLength"/> characters.
    /// </summary>
    public ICodeUploader? Uploader { get; init; }
}
