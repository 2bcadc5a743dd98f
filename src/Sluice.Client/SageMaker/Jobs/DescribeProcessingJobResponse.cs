using System.Text.Json;

namespace Sluice.Client.SageMaker.Jobs;

/// <summary>The response of <c>DescribeProcessingJob</c>, kept as JSON with typed members for the common fields (see <see cref="JsonBackedResponse"/>).</summary>
/// <param name="json">The response body.</param>
public sealed class DescribeProcessingJobResponse(JsonElement json) : JsonBackedResponse(json)
{
    /// <summary>The name of the processing job.</summary>
    public string? ProcessingJobName => GetString(nameof(ProcessingJobName));

    /// <summary>The Amazon Resource Name (ARN) of the processing job.</summary>
    public string? ProcessingJobArn => GetString(nameof(ProcessingJobArn));

    /// <summary>The status: <c>InProgress</c>, <c>Completed</c>, <c>Failed</c>, <c>Stopping</c> or <c>Stopped</c>.</summary>
    public string? ProcessingJobStatus => GetString(nameof(ProcessingJobStatus));

    /// <summary>Why the job failed, when it did.</summary>
    public string? FailureReason => GetString(nameof(FailureReason));

    /// <summary>The exit message of the job's container, when it gave one.</summary>
    public string? ExitMessage => GetString(nameof(ExitMessage));

    /// <summary>When the job was created.</summary>
    public DateTimeOffset? CreationTime => GetTime(nameof(CreationTime));

    /// <summary>When the job started.</summary>
    public DateTimeOffset? ProcessingStartTime => GetTime(nameof(ProcessingStartTime));

    /// <summary>When the job ended.</summary>
    public DateTimeOffset? ProcessingEndTime => GetTime(nameof(ProcessingEndTime));

    /// <summary>When the job was last modified.</summary>
    public DateTimeOffset? LastModifiedTime => GetTime(nameof(LastModifiedTime));
}
