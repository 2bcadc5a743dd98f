
namespace Sluice.Core.Storage;

/// <summary>One version of a pipeline. Creating a pipeline makes version 1; each update adds the next.</summary>
/// <param name="Name">The pipeline's name.</param>
/// <param name="Arn">The pipeline's ARN, <c>arn:aws:sagemaker:{region}:{account}:pipeline/{name}</c>.</param>
/// <param name="Version">The version number, from 1.</param>
/// <param name="DefinitionText">The definition JSON exactly as given.</param>
/// <param name="DisplayName">PipelineDisplayName.</param>
/// <param name="Description">PipelineDescription.</param>
/// <param name="RoleArn">RoleArn.</param>
/// <param name="MaxParallelExecutionSteps">ParallelismConfiguration.MaxParallelExecutionSteps, when set.</param>
/// <param name="CreationTime">When the pipeline (version 1) was created.</param>
/// <param name="LastModifiedTime">When this version was made.</param>
public sealed record PipelineRecord(
    string Name,
    string Arn,
    long Version,
    string DefinitionText,
    string? DisplayName,
    string? Description,
    string? RoleArn,
    int? MaxParallelExecutionSteps,
    DateTimeOffset CreationTime,
    DateTimeOffset LastModifiedTime)
{
    /// <summary>Gets the version's own display name (PipelineVersionDisplayName), set with UpdatePipelineVersion.</summary>
    public string? VersionDisplayName { get; init; }

    /// <summary>Gets the version's own description (PipelineVersionDescription), set with UpdatePipelineVersion.</summary>
    public string? VersionDescription { get; init; }
}

/// <summary>A parameter value of an execution, as text (ListPipelineParametersForExecution).</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Value">Its value as text.</param>
public sealed record ParameterValue(string Name, string Value);

/// <summary>A pipeline execution.</summary>
/// <param name="Arn">The execution ARN, <c>{pipeline arn}/execution/{id}</c>.</param>
/// <param name="ExecutionId">The last segment of the ARN.</param>
/// <param name="PipelineName">The pipeline's name.</param>
/// <param name="PipelineArn">The pipeline's ARN.</param>
/// <param name="PipelineVersion">The pipeline version the execution runs.</param>
/// <param name="Status">The status.</param>
/// <param name="FailureReason">Why it failed, when it did.</param>
/// <param name="DisplayName">PipelineExecutionDisplayName.</param>
/// <param name="Description">PipelineExecutionDescription.</param>
/// <param name="Parameters">Every parameter's value, defaults included.</param>
/// <param name="MaxParallelExecutionSteps">The execution's parallelism limit, when set.</param>
/// <param name="SelectiveExecutionJson">SelectiveExecutionConfig as JSON, when the execution is selective.</param>
/// <param name="CreationTime">When it started.</param>
/// <param name="LastModifiedTime">When its record last changed.</param>
/// <param name="Experiment">
/// The definition's <c>PipelineExperimentConfig</c> as resolved when the execution started (DescribePipelineExecution's
/// <c>PipelineExperimentConfig</c>); <see langword="null"/> when the definition has none.
/// </param>
public sealed record ExecutionRecord(
    string Arn,
    string ExecutionId,
    string PipelineName,
    string PipelineArn,
    long PipelineVersion,
    ExecutionStatus Status,
    string? FailureReason,
    string? DisplayName,
    string? Description,
    IReadOnlyList<ParameterValue> Parameters,
    int? MaxParallelExecutionSteps,
    string? SelectiveExecutionJson,
    DateTimeOffset CreationTime,
    DateTimeOffset LastModifiedTime,
    ExecutionExperiment? Experiment = null);

/// <summary>
/// Where an execution's runs are recorded: the values its definition's <c>PipelineExperimentConfig</c> took when it
/// started (the SDK writes <c>{"Get": "Execution.PipelineName"}</c> and <c>{"Get": "Execution.PipelineExecutionId"}</c>).
/// </summary>
/// <param name="ExperimentName">The experiment's name; <see langword="null"/> when the config has none.</param>
/// <param name="TrialName">The trial's name; <see langword="null"/> when the config has none.</param>
public sealed record ExecutionExperiment(string? ExperimentName, string? TrialName);

/// <summary>The state of one step of one execution.</summary>
/// <param name="ExecutionArn">The execution.</param>
/// <param name="StepName">The step's name.</param>
/// <param name="StepType">The step's Type as written.</param>
/// <param name="Status">The status.</param>
/// <param name="StartTime">When its first attempt started.</param>
/// <param name="EndTime">When it reached a final status.</param>
/// <param name="AttemptCount">How many attempts have started.</param>
/// <param name="FailureReason">Why it failed, when it did.</param>
/// <param name="MetadataJson">PipelineExecutionStepMetadata as JSON (e.g. <c>{"Condition":{"Outcome":"True"}}</c>).</param>
/// <param name="PropertiesJson">The step's properties (its Describe* response) as JSON, which later steps read with Get.</param>
/// <param name="CacheSourceExecutionArn">CacheHitResult.SourcePipelineExecutionArn, when taken from the cache.</param>
/// <param name="SelectiveSourceExecutionArn">SelectiveExecutionResult.SourcePipelineExecutionArn, when taken from a source execution.</param>
/// <param name="NextAttemptTime">When the next retry may start, while waiting for one.</param>
/// <param name="JobJson">Runner-owned state of a running job (e.g. process id, job folder), to re-attach after a restart.</param>
public sealed record StepRecord(
    string ExecutionArn,
    string StepName,
    string StepType,
    StepStatus Status,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    int AttemptCount,
    string? FailureReason,
    string? MetadataJson,
    string? PropertiesJson,
    string? CacheSourceExecutionArn,
    string? SelectiveSourceExecutionArn,
    DateTimeOffset? NextAttemptTime,
    string? JobJson);

/// <summary>What became of a Callback step's token.</summary>
public enum CallbackStatus
{
    /// <summary>Waiting for SendPipelineExecutionStepSuccess or Failure.</summary>
    Pending,

    /// <summary>SendPipelineExecutionStepSuccess arrived.</summary>
    Succeeded,

    /// <summary>SendPipelineExecutionStepFailure arrived.</summary>
    Failed,
}

/// <summary>A Callback step's token and its answer.</summary>
/// <param name="Token">The 10-character token.</param>
/// <param name="ExecutionArn">The execution.</param>
/// <param name="StepName">The Callback step.</param>
/// <param name="Status">Whether an answer arrived, and which.</param>
/// <param name="OutputParametersJson">The OutputParameters of a success, as a JSON list of {Name, Value}.</param>
/// <param name="FailureReason">The FailureReason of a failure.</param>
/// <param name="CreationTime">When the token was issued.</param>
public sealed record CallbackRecord(
    string Token,
    string ExecutionArn,
    string StepName,
    CallbackStatus Status,
    string? OutputParametersJson,
    string? FailureReason,
    DateTimeOffset CreationTime);

/// <summary>A message received from a queue, with the receipt handle that deletes it.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="ReceiptHandle">The handle of this receipt; a later receipt gets a new one.</param>
/// <param name="Body">The body.</param>
/// <param name="ReceiveCount">How many times it has been received, this time included.</param>
/// <param name="SentTime">When it was sent.</param>
/// <param name="MessageAttributes">The message attributes it was sent with (<see cref="QueueMessage.MessageAttributes"/>), or null.</param>
public sealed record ReceivedMessage(string MessageId, string ReceiptHandle, string Body, int ReceiveCount, DateTimeOffset SentTime, string? MessageAttributes = null);

/// <summary>Counts of a queue's messages.</summary>
/// <param name="Visible">Messages that a receive would return now.</param>
/// <param name="NotVisible">Messages received and not yet deleted, within their visibility timeout.</param>
/// <param name="Delayed">Messages not yet received and still within their delay.</param>
public sealed record QueueCounts(int Visible, int NotVisible, int Delayed = 0);

/// <summary>A successful step run that a later run of the same step may reuse.</summary>
/// <param name="Key">The cache key (Execution/CacheKeys): its scheme's version and a hash of the step and the attributes SageMaker documents for its type.</param>
/// <param name="ExecutionArn">The execution the result comes from.</param>
/// <param name="StepName">The step in that execution.</param>
/// <param name="PropertiesJson">The step's properties.</param>
/// <param name="MetadataJson">The step's metadata.</param>
/// <param name="CreationTime">When the run finished.</param>
public sealed record CacheEntry(string Key, string ExecutionArn, string StepName, string PropertiesJson, string? MetadataJson, DateTimeOffset CreationTime);

/// <summary>What a page of executions is ordered by (ListPipelineExecutions' SortBy).</summary>
public enum ExecutionSortBy
{
    /// <summary>Creation time; executions created at the same moment by ARN, the other way round (newest first, then ARN ascending).</summary>
    CreationTime,

    /// <summary>ARN (ordinal order).</summary>
    PipelineExecutionArn,
}

/// <summary>Where a page of executions starts: the last execution of the page before.</summary>
/// <param name="CreationTime">That execution's creation time.</param>
/// <param name="Arn">That execution's ARN.</param>
public sealed record ExecutionCursor(DateTimeOffset CreationTime, string Arn);

/// <summary>Which page of a pipeline's executions to read (ListPipelineExecutions).</summary>
/// <param name="PipelineName">The pipeline.</param>
public sealed record ExecutionPageQuery(string PipelineName)
{
    /// <summary>Gets the time executions must have been created after (exclusive), when set.</summary>
    public DateTimeOffset? CreatedAfter { get; init; }

    /// <summary>Gets the time executions must have been created before (exclusive), when set.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Gets what the executions are ordered by.</summary>
    public ExecutionSortBy SortBy { get; init; } = ExecutionSortBy.CreationTime;

    /// <summary>
    /// Gets whether the order is ascending. Descending by creation time is newest first with ties by ARN ascending;
    /// ascending is exactly the reverse.
    /// </summary>
    public bool Ascending { get; init; }

    /// <summary>Gets the last execution of the previous page; the page starts after it (in this order). The first page when null.</summary>
    public ExecutionCursor? After { get; init; }

    /// <summary>Gets the most executions the page holds (at least 1).</summary>
    public int Limit { get; init; } = 50;
}

/// <summary>What a list of executions says about each (SageMaker's PipelineExecutionSummary).</summary>
/// <param name="Arn">The execution ARN.</param>
/// <param name="Status">The status.</param>
/// <param name="CreationTime">When it started.</param>
/// <param name="DisplayName">PipelineExecutionDisplayName.</param>
/// <param name="Description">PipelineExecutionDescription.</param>
/// <param name="FailureReason">Why it failed, when it did.</param>
public sealed record ExecutionSummary(
    string Arn,
    ExecutionStatus Status,
    DateTimeOffset CreationTime,
    string? DisplayName,
    string? Description,
    string? FailureReason);

/// <summary>One page of executions.</summary>
/// <param name="Executions">The executions, in the query's order.</param>
/// <param name="HasMore">Whether more executions follow the last one.</param>
public sealed record ExecutionPage(IReadOnlyList<ExecutionSummary> Executions, bool HasMore);
