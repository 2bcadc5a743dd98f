using Sluice.Core.Execution;

namespace Sluice.Core.Storage;

/// <summary>
/// Where Sluice keeps everything durable: pipelines and their versions, executions, steps, callback tokens, queues and
/// the step cache. Every method has finished writing when its task completes (nothing is reported before it is durable).
/// Implementations: SQLite (the default, one file in the data directory) and PostgreSQL.
/// </summary>
public interface IExecutionStore : IAsyncDisposable
{
    /// <summary>Creates the schema, or migrates it to the current version.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Adds a pipeline version: version 1 when the name is new, otherwise the latest version + 1.</summary>
    /// <returns>The stored record, with its version number.</returns>
    Task<PipelineRecord> AddPipelineVersionAsync(PipelineRecord pipeline, CancellationToken cancellationToken);

    /// <summary>
    /// CreatePipeline: stores <paramref name="pipeline"/> as version 1 of a new pipeline, unless a pipeline of that name
    /// exists. Decided inside the write, so of concurrent creates of one name exactly one stores anything.
    /// </summary>
    /// <returns>The stored record; <see langword="null"/> when the name is taken (nothing is written then).</returns>
    Task<PipelineRecord?> CreatePipelineAsync(PipelineRecord pipeline, CancellationToken cancellationToken);

    /// <summary>
    /// UpdatePipeline: adds the next version of an existing pipeline. <paramref name="next"/> receives the latest version
    /// as stored inside the write and returns the new one (its name, ARN, version and creation time are the store's), so
    /// concurrent updates each build on the one before and get consecutive versions; a deleted pipeline is not revived.
    /// </summary>
    /// <returns>The stored version; <see langword="null"/> when there is no such pipeline (nothing is written then).</returns>
    Task<PipelineRecord?> UpdatePipelineAsync(string name, Func<PipelineRecord, PipelineRecord> next, CancellationToken cancellationToken);

    /// <summary>A pipeline's latest version, or the given one; <see langword="null"/> when there is none.</summary>
    Task<PipelineRecord?> GetPipelineAsync(string name, long? version, CancellationToken cancellationToken);

    /// <summary>Every pipeline, latest versions only, ordered by name.</summary>
    Task<IReadOnlyList<PipelineRecord>> ListPipelinesAsync(CancellationToken cancellationToken);

    /// <summary>Every version of a pipeline, oldest first.</summary>
    Task<IReadOnlyList<PipelineRecord>> ListPipelineVersionsAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// DeletePipeline: deletes a pipeline, its versions and all its executions with their steps and tokens, unless one
    /// of its executions is Executing or Stopping. The check and the delete are one write, so an execution started
    /// concurrently (<see cref="StartExecutionAsync"/>) either exists before it, and the delete is refused, or finds
    /// the pipeline gone.
    /// </summary>
    /// <returns>What was decided, with the pipeline's ARN.</returns>
    Task<PipelineDeletion> DeletePipelineAsync(string name, CancellationToken cancellationToken);

    /// <summary>Stores a new execution (whether its pipeline exists is the caller's business; see <see cref="StartExecutionAsync"/>).</summary>
    Task CreateExecutionAsync(ExecutionRecord execution, CancellationToken cancellationToken);

    /// <summary>
    /// StartPipelineExecution: stores a new execution and its first step records in one write, only while the pipeline
    /// version it runs is stored with <paramref name="definitionText"/> (the definition the caller read and will run),
    /// so no execution is stored for a pipeline deleted, or deleted and created again, since it was read.
    /// </summary>
    /// <returns>Whether the execution was stored; <see langword="false"/> when its pipeline version is gone.</returns>
    Task<bool> StartExecutionAsync(ExecutionRecord execution, string definitionText, IReadOnlyCollection<StepRecord> steps, CancellationToken cancellationToken);

    /// <summary>Replaces an execution's record (status, failure reason, display name, description, times).</summary>
    Task UpdateExecutionAsync(ExecutionRecord execution, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces an execution's record only while its stored status is one of <paramref name="expected"/>, checked and
    /// replaced in one write (RetryPipelineExecution: Failed or Stopped to Executing), so of concurrent requests to
    /// move it one wins.
    /// </summary>
    /// <returns>Whether it was replaced; <see langword="false"/> when its status is another or it no longer exists.</returns>
    Task<bool> TryUpdateExecutionAsync(ExecutionRecord execution, IReadOnlyCollection<ExecutionStatus> expected, CancellationToken cancellationToken);

    /// <summary>An execution by ARN, or <see langword="null"/>.</summary>
    Task<ExecutionRecord?> GetExecutionAsync(string arn, CancellationToken cancellationToken);

    /// <summary>A pipeline's executions, newest first; every execution when <paramref name="pipelineName"/> is <see langword="null"/>.</summary>
    Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? pipelineName, CancellationToken cancellationToken);

    /// <summary>
    /// One page of a pipeline's executions, filtered, ordered and cut in the store (ListPipelineExecutions); the page
    /// after <see cref="ExecutionPageQuery.After"/> when set. Paging by the last execution seen, not by position, so
    /// executions started meanwhile do not shift later pages.
    /// </summary>
    /// <returns>The page; <see langword="null"/> when the pipeline does not exist.</returns>
    Task<ExecutionPage?> ListExecutionsPageAsync(ExecutionPageQuery query, CancellationToken cancellationToken);

    /// <summary>When the pipeline's newest execution was created (DescribePipeline's LastRunTime); <see langword="null"/> when it has none.</summary>
    Task<DateTimeOffset?> GetLastExecutionTimeAsync(string pipelineName, CancellationToken cancellationToken);

    /// <summary>The ARN of the newest execution of each version of a pipeline that has one (ListPipelineVersions), by version.</summary>
    Task<IReadOnlyDictionary<long, string>> GetLastExecutionPerVersionAsync(string pipelineName, CancellationToken cancellationToken);

    /// <summary>Whether any execution of the pipeline is Executing or Stopping.</summary>
    Task<bool> HasUnfinishedExecutionsAsync(string pipelineName, CancellationToken cancellationToken);

    /// <summary>Executions whose status is Executing or Stopping, oldest first: the ones to resume after a restart.</summary>
    Task<IReadOnlyList<ExecutionRecord>> ListUnfinishedExecutionsAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the records of steps, atomically (one transaction for the batch).</summary>
    Task SaveStepsAsync(IReadOnlyCollection<StepRecord> steps, CancellationToken cancellationToken);

    /// <summary>An execution's steps, in the order they started (steps never started are not stored).</summary>
    Task<IReadOnlyList<StepRecord>> ListStepsAsync(string executionArn, CancellationToken cancellationToken);

    /// <summary>Stores a new Callback token as Pending.</summary>
    Task CreateCallbackAsync(CallbackRecord callback, CancellationToken cancellationToken);

    /// <summary>A Callback token's record, or <see langword="null"/>.</summary>
    Task<CallbackRecord?> GetCallbackAsync(string token, CancellationToken cancellationToken);

    /// <summary>Records the answer to a Pending token.</summary>
    /// <returns>The updated record; <see langword="null"/> when the token is unknown or no longer Pending (nothing changes then).</returns>
    Task<CallbackRecord?> CompleteCallbackAsync(string token, CallbackStatus status, string? outputParametersJson, string? failureReason, CancellationToken cancellationToken);

    /// <summary>Creates a queue if it does not exist.</summary>
    Task CreateQueueAsync(string queueName, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Whether a queue exists.</summary>
    Task<bool> QueueExistsAsync(string queueName, CancellationToken cancellationToken);

    /// <summary>Every queue's name, ordered.</summary>
    Task<IReadOnlyList<string>> ListQueuesAsync(CancellationToken cancellationToken);

    /// <summary>Deletes a queue and its messages.</summary>
    /// <returns>Whether it existed.</returns>
    Task<bool> DeleteQueueAsync(string queueName, CancellationToken cancellationToken);

    /// <summary>Adds a message, creating the queue if needed.</summary>
    /// <returns>The message id.</returns>
    Task<string> SendMessageAsync(string queueName, string body, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/> visible messages, oldest first, and hides them until
    /// <paramref name="now"/> + <paramref name="visibilityTimeout"/>; each receipt gets a fresh receipt handle.
    /// </summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveMessagesAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the message a receipt handle names.</summary>
    /// <returns>Whether the handle named a message (the latest receipt of one) in that queue.</returns>
    Task<bool> DeleteMessageAsync(string queueName, string receiptHandle, CancellationToken cancellationToken);

    /// <summary>Sets when a received message becomes visible again.</summary>
    /// <returns>Whether the handle named a message in that queue.</returns>
    Task<bool> ChangeMessageVisibilityAsync(string queueName, string receiptHandle, DateTimeOffset visibleAt, CancellationToken cancellationToken);

    /// <summary>Deletes every message of a queue.</summary>
    Task PurgeQueueAsync(string queueName, CancellationToken cancellationToken);

    /// <summary>How many messages are visible and not visible at <paramref name="now"/>.</summary>
    Task<QueueCounts> CountMessagesAsync(string queueName, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The newest cache entry for a key created at or after <paramref name="notBefore"/>, or <see langword="null"/>.</summary>
    Task<CacheEntry?> FindCacheEntryAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>Adds a cache entry.</summary>
    Task AddCacheEntryAsync(CacheEntry entry, CancellationToken cancellationToken);

    /// <summary>Stores a model, replacing one of the same name.</summary>
    Task SaveModelAsync(ModelRecord model, CancellationToken cancellationToken);

    /// <summary>A model by name (in any case, as SageMaker names are), or <see langword="null"/>.</summary>
    Task<ModelRecord?> GetModelAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every model, ordered by name.</summary>
    Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Registers the next version of a model package group: <paramref name="build"/> receives the version (latest + 1,
    /// or 1 for a new group) inside the write, so version numbers are never shared.
    /// </summary>
    Task<ModelPackageRecord> AddModelPackageAsync(string groupName, Func<int, ModelPackageRecord> build, CancellationToken cancellationToken);

    /// <summary>One version of a group's packages, or <see langword="null"/>.</summary>
    Task<ModelPackageRecord?> GetModelPackageAsync(string groupName, int version, CancellationToken cancellationToken);

    /// <summary>A group's packages, newest version first; every group's when <paramref name="groupName"/> is <see langword="null"/>.</summary>
    Task<IReadOnlyList<ModelPackageRecord>> ListModelPackagesAsync(string? groupName, CancellationToken cancellationToken);

    /// <summary>Replaces a package's record (its approval status and Describe response).</summary>
    /// <returns>Whether the package existed.</returns>
    Task<bool> UpdateModelPackageAsync(ModelPackageRecord package, CancellationToken cancellationToken);

    /// <summary>Sets a pipeline version's PipelineVersionDisplayName and PipelineVersionDescription (each only when given).</summary>
    /// <returns>The version as now stored, or <see langword="null"/> when there is no such version.</returns>
    Task<PipelineRecord?> UpdatePipelineVersionAsync(string name, long version, string? displayName, string? description, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the record of a job (by kind and name).</summary>
    Task SaveJobAsync(JobRecord job, CancellationToken cancellationToken);

    /// <summary>A job by kind and name (in any case: ARNs carry names in lower case), or <see langword="null"/>.</summary>
    Task<JobRecord?> GetJobAsync(JobKind kind, string name, CancellationToken cancellationToken);

    /// <summary>The trials of a tuning job (training jobs whose parent it is), in the order they started.</summary>
    Task<IReadOnlyList<JobRecord>> ListTrialJobsAsync(string tuningJobName, CancellationToken cancellationToken);

    /// <summary>The first answer to a request with this ClientRequestToken, or <see langword="null"/>.</summary>
    Task<ClientTokenRecord?> GetClientTokenAsync(string operation, string token, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the first answer to a request with a ClientRequestToken (a token already kept is left as it is), and forgets
    /// answers created before <paramref name="forgetBefore"/>.
    /// </summary>
    Task SaveClientTokenAsync(ClientTokenRecord record, DateTimeOffset forgetBefore, CancellationToken cancellationToken);
}
