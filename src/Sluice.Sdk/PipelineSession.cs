namespace Sluice.Sdk;

/// <summary>
/// What the Python SDK takes from its session when it writes a definition: the region (written into script-mode
/// hyperparameters and model environments) and the default bucket (where local code is uploaded and where outputs
/// without a destination go).
/// </summary>
public sealed record PipelineSession
{
    /// <summary>The AWS region; <c>us-east-1</c> unless set.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The default bucket, e.g. <c>sagemaker-us-east-1-111122223333</c>; needed only by what goes there.</summary>
    public string? DefaultBucket { get; init; }

    /// <summary>A key prefix inside the default bucket (the Python SDK's <c>default_bucket_prefix</c>).</summary>
    public string? DefaultBucketPrefix { get; init; }
}
