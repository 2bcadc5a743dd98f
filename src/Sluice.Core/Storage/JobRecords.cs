namespace Sluice.Core.Storage;

/// <summary>The kinds of SageMaker job that pipeline steps run, each read back with its own Describe* operation.</summary>
public enum JobKind
{
    /// <summary>A processing job (DescribeProcessingJob).</summary>
    Processing,

    /// <summary>A training job (DescribeTrainingJob), a Training step's or one trial of a tuning job.</summary>
    Training,

    /// <summary>A batch transform job (DescribeTransformJob).</summary>
    Transform,

    /// <summary>A hyperparameter tuning job (DescribeHyperParameterTuningJob).</summary>
    HyperParameterTuning,
}

/// <summary>
/// A job a step ran, as clients read it after (or during) an execution: its Describe* response, kept current from the
/// moment the job starts (status InProgress) to its end (Completed, Failed or Stopped).
/// </summary>
/// <param name="Kind">What kind of job.</param>
/// <param name="Name">The job's name, unique within its kind.</param>
/// <param name="Arn">The job's ARN.</param>
/// <param name="Status">Its status as its Describe* response writes it (e.g. InProgress, Completed, Failed, Stopped).</param>
/// <param name="ExecutionArn">The pipeline execution whose step ran it.</param>
/// <param name="StepName">That step's name.</param>
/// <param name="ParentName">For a trial of a tuning job, the tuning job's name; otherwise <see langword="null"/>.</param>
/// <param name="DescribeJson">Its Describe* response.</param>
/// <param name="CreationTime">When it started.</param>
/// <param name="LastModifiedTime">When its record last changed.</param>
public sealed record JobRecord(
    JobKind Kind,
    string Name,
    string Arn,
    string Status,
    string ExecutionArn,
    string StepName,
    string? ParentName,
    string DescribeJson,
    DateTimeOffset CreationTime,
    DateTimeOffset LastModifiedTime);

/// <summary>
/// The first answer to a request that carried a ClientRequestToken, kept so that the same request repeated (a client's
/// retry) gets the same answer instead of acting twice, across server restarts.
/// </summary>
/// <param name="Operation">The operation, e.g. StartPipelineExecution.</param>
/// <param name="Token">The ClientRequestToken.</param>
/// <param name="RequestBody">The request body, to tell a repeat from another request with the same token.</param>
/// <param name="ResponseBody">The response body first given.</param>
/// <param name="CreationTime">When the first request was answered.</param>
public sealed record ClientTokenRecord(string Operation, string Token, string RequestBody, string ResponseBody, DateTimeOffset CreationTime);
