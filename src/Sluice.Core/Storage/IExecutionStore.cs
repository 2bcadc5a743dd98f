namespace Sluice.Core.Storage;

/// <summary>
/// Executions and the records of their steps. Only the engine writes them: PipelineEngine for starts, stops, retries
/// and updates, its execution runs for status and step changes (step records through the engine's StepWriter, see <see
/// cref="SaveStepsAsync(IReadOnlyCollection{StepRecord}, IReadOnlyCollection{JobRecord}, CancellationToken)"/>). Every method has finished writing when its task completes (nothing is reported before it
/// is durable).
/// </summary>
public interface IExecutionStore : IExecutionReader
{
    /// <summary>Stores a new execution (whether its pipeline exists is the caller's business; see <see cref="StartExecutionAsync(ExecutionRecord, string, IReadOnlyCollection{StepRecord}, CancellationToken)"/>).</summary>
    Task CreateExecutionAsync(ExecutionRecord execution, CancellationToken cancellationToken);

    /// <summary>
    /// StartPipelineExecution: stores a new execution and its first step records in one write, only while the pipeline
    /// version it runs is stored with <paramref name="definitionText"/> (the definition the caller read and will run),
    /// so no execution is stored for a pipeline deleted, or deleted and created again, since it was read.
    /// </summary>
    /// <returns>Whether the execution was stored; <see langword="false"/> when its pipeline version is gone.</returns>
    Task<bool> StartExecutionAsync(ExecutionRecord execution, string definitionText, IReadOnlyCollection<StepRecord> steps, CancellationToken cancellationToken);

    /// <summary>
    /// StartPipelineExecution with a ClientRequestToken: as <see cref="StartExecutionAsync(ExecutionRecord, string, IReadOnlyCollection{StepRecord}, CancellationToken)"/>,
    /// and in the same commit claims the token and keeps its answer (<paramref name="token"/>), atomically for every server
    /// sharing the store: of several starts with one token exactly one stores anything; the others find the first answer
    /// (or, while an older-style claim of the token is pending, that claim) and store nothing. A pending claim made before
    /// <see cref="ClientTokenWrite.AbandonedBefore"/> is taken over. Without a token it is the plain start.
    /// </summary>
    /// <param name="execution">The new execution.</param>
    /// <param name="definitionText">The definition the caller read and will run.</param>
    /// <param name="steps">The execution's first step records.</param>
    /// <param name="token">The token and its answer, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was stored.</returns>
    Task<ExecutionStart> StartExecutionAsync(
        ExecutionRecord execution, string definitionText, IReadOnlyCollection<StepRecord> steps, ClientTokenWrite? token, CancellationToken cancellationToken);

    /// <summary>Replaces an execution's record (status, failure reason, display name, description, times).</summary>
    Task UpdateExecutionAsync(ExecutionRecord execution, CancellationToken cancellationToken);

    /// <summary>
    /// Ends an execution: stores the step records given (the final records of steps that finished without a job, which
    /// the engine held back for this write) and replaces the execution's record, atomically (one transaction), so an
    /// execution whose steps need no job costs one write to finish instead of one for its steps and one for its end.
    /// </summary>
    /// <remarks>
    /// Only the engine calls this, once per execution, when nothing else of the execution waits to be written: the step
    /// records go in as <see cref="SaveStepsAsync(IReadOnlyCollection{StepRecord}, CancellationToken)"/> would write
    /// them, then the execution's record as <see cref="UpdateExecutionAsync"/> would. A crash before the write loses
    /// both (the execution resumes and runs those steps again), never the end without its steps.
    /// </remarks>
    /// <param name="execution">The execution's final record.</param>
    /// <param name="steps">Step records not yet stored; may be empty.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="KeyNotFoundException">No execution has that ARN.</exception>
    Task FinishExecutionAsync(ExecutionRecord execution, IReadOnlyCollection<StepRecord> steps, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces an execution's record only while its stored status is one of <paramref name="expected"/>, checked and
    /// replaced in one write (RetryPipelineExecution: Failed or Stopped to Executing), so of concurrent requests to
    /// move it one wins.
    /// </summary>
    /// <returns>Whether it was replaced; <see langword="false"/> when its status is another or it no longer exists.</returns>
    Task<bool> TryUpdateExecutionAsync(ExecutionRecord execution, IReadOnlyCollection<ExecutionStatus> expected, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the records of steps, atomically (one transaction for the batch).</summary>
    /// <remarks>
    /// The engine calls this only from its StepWriter, which owns batching of step records: it collects the records
    /// saved while the previous call was being written, keeps the newest record of each step, and hands them over
    /// here as one batch (up to 2,000). That is backend-independent (it decides what is written, and a step that
    /// changes three times while a commit is under way is written once). How the batch becomes durable is the
    /// backend's: SQLite puts it in one savepoint of its group commit, shared with whatever other writes are queued.
    /// </remarks>
    Task SaveStepsAsync(IReadOnlyCollection<StepRecord> steps, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or replaces the records of steps and of the jobs they run, atomically (one transaction for the batch):
    /// the StepWriter's batch when a job step's record and its job's record changed together, so a job step's state
    /// changes cost one commit, not one for the step and one for the job.
    /// </summary>
    /// <param name="steps">The step records, as for <see cref="SaveStepsAsync(IReadOnlyCollection{StepRecord}, CancellationToken)"/>.</param>
    /// <param name="jobs">The job records, as for <see cref="IJobStore.SaveJobAsync"/>, written before the steps.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task SaveStepsAsync(IReadOnlyCollection<StepRecord> steps, IReadOnlyCollection<JobRecord> jobs, CancellationToken cancellationToken);
}
