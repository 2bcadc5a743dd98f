using System.Text.Json;

namespace Sluice.Client.SageMaker.Jobs;

/// <summary>The response of <c>DescribeHyperParameterTuningJob</c>, kept as JSON with typed members for the common fields (see <see cref="JsonBackedResponse"/>).</summary>
/// <param name="json">The response body.</param>
public sealed class DescribeHyperParameterTuningJobResponse(JsonElement json) : JsonBackedResponse(json)
{
    /// <summary>The name of the tuning job.</summary>
    public string? HyperParameterTuningJobName => GetString(nameof(HyperParameterTuningJobName));

    /// <summary>The Amazon Resource Name (ARN) of the tuning job.</summary>
    public string? HyperParameterTuningJobArn => GetString(nameof(HyperParameterTuningJobArn));

    /// <summary>The status: <c>Completed</c>, <c>InProgress</c>, <c>Failed</c>, <c>Stopped</c>, <c>Stopping</c>, <c>Deleting</c> or <c>DeleteFailed</c>.</summary>
    public string? HyperParameterTuningJobStatus => GetString(nameof(HyperParameterTuningJobStatus));

    /// <summary>Why the job failed, when it did.</summary>
    public string? FailureReason => GetString(nameof(FailureReason));

    /// <summary>The name of the best training job so far (<c>BestTrainingJob.TrainingJobName</c>).</summary>
    public string? BestTrainingJobName => GetString("BestTrainingJob", "TrainingJobName");

    /// <summary>When the job was created.</summary>
    public DateTimeOffset? CreationTime => GetTime(nameof(CreationTime));

    /// <summary>When the job ended.</summary>
    public DateTimeOffset? HyperParameterTuningEndTime => GetTime(nameof(HyperParameterTuningEndTime));

    /// <summary>When the job was last modified.</summary>
    public DateTimeOffset? LastModifiedTime => GetTime(nameof(LastModifiedTime));
}
