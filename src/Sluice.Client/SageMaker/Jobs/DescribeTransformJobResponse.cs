using System.Text.Json;

namespace Sluice.Client.SageMaker.Jobs;

/// <summary>The response of <c>DescribeTransformJob</c>, kept as JSON with typed members for the common fields (see <see cref="JsonBackedResponse"/>).</summary>
/// <param name="json">The response body.</param>
public sealed class DescribeTransformJobResponse(JsonElement json) : JsonBackedResponse(json)
{
    /// <summary>The name of the transform job.</summary>
    public string? TransformJobName => GetString(nameof(TransformJobName));

    /// <summary>The Amazon Resource Name (ARN) of the transform job.</summary>
    public string? TransformJobArn => GetString(nameof(TransformJobArn));

    /// <summary>The status: <c>InProgress</c>, <c>Completed</c>, <c>Failed</c>, <c>Stopping</c> or <c>Stopped</c>.</summary>
    public string? TransformJobStatus => GetString(nameof(TransformJobStatus));

    /// <summary>Why the job failed, when it did.</summary>
    public string? FailureReason => GetString(nameof(FailureReason));

    /// <summary>The name of the model the job ran.</summary>
    public string? ModelName => GetString(nameof(ModelName));

    /// <summary>The S3 path the results were written to (<c>TransformOutput.S3OutputPath</c>).</summary>
    public string? S3OutputPath => GetString("TransformOutput", "S3OutputPath");

    /// <summary>When the job was created.</summary>
    public DateTimeOffset? CreationTime => GetTime(nameof(CreationTime));

    /// <summary>When the job started.</summary>
    public DateTimeOffset? TransformStartTime => GetTime(nameof(TransformStartTime));

    /// <summary>When the job ended.</summary>
    public DateTimeOffset? TransformEndTime => GetTime(nameof(TransformEndTime));
}
