using System.Text.Json;

namespace Sluice.Client.SageMaker.Jobs;

/// <summary>The response of <c>DescribeTrainingJob</c>, kept as JSON with typed members for the common fields (see <see cref="JsonBackedResponse"/>).</summary>
/// <param name="json">The response body.</param>
public sealed class DescribeTrainingJobResponse(JsonElement json) : JsonBackedResponse(json)
{
    /// <summary>The name of the training job.</summary>
    public string? TrainingJobName => GetString(nameof(TrainingJobName));

    /// <summary>The Amazon Resource Name (ARN) of the training job.</summary>
    public string? TrainingJobArn => GetString(nameof(TrainingJobArn));

    /// <summary>The status: <c>InProgress</c>, <c>Completed</c>, <c>Failed</c>, <c>Stopping</c>, <c>Stopped</c> or <c>Deleting</c>.</summary>
    public string? TrainingJobStatus => GetString(nameof(TrainingJobStatus));

    /// <summary>The detailed status, e.g. <c>Training</c>, <c>Uploading</c>, <c>Completed</c>.</summary>
    public string? SecondaryStatus => GetString(nameof(SecondaryStatus));

    /// <summary>Why the job failed, when it did.</summary>
    public string? FailureReason => GetString(nameof(FailureReason));

    /// <summary>The S3 URI of the model artifacts (<c>ModelArtifacts.S3ModelArtifacts</c>).</summary>
    public string? S3ModelArtifacts => GetString("ModelArtifacts", "S3ModelArtifacts");

    /// <summary>When the job was created.</summary>
    public DateTimeOffset? CreationTime => GetTime(nameof(CreationTime));

    /// <summary>When training started.</summary>
    public DateTimeOffset? TrainingStartTime => GetTime(nameof(TrainingStartTime));

    /// <summary>When training ended.</summary>
    public DateTimeOffset? TrainingEndTime => GetTime(nameof(TrainingEndTime));

    /// <summary>When the job was last modified.</summary>
    public DateTimeOffset? LastModifiedTime => GetTime(nameof(LastModifiedTime));
}
