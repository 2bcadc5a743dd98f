namespace Sluice.Core.Storage;

/// <summary>
/// Reads executions and their steps (the read side of <see cref="IExecutionStore"/>). A read sees every write whose
/// task has completed.
/// </summary>
public interface IExecutionReader
{
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

    /// <summary>Executions whose status is Executing or Stopping, oldest first: the ones to resume after a restart.</summary>
    Task<IReadOnlyList<ExecutionRecord>> ListUnfinishedExecutionsAsync(CancellationToken cancellationToken);

    /// <summary>An execution's steps, in the order they started (steps never started are not stored).</summary>
    Task<IReadOnlyList<StepRecord>> ListStepsAsync(string executionArn, CancellationToken cancellationToken);
}
