namespace Sluice.Core.Storage;

/// <summary>What <see cref="IPipelineStore.DeletePipelineAsync"/> decided, inside the transaction that deleted or did not.</summary>
public enum PipelineDeletionOutcome
{
    /// <summary>The pipeline, its versions and its executions are deleted.</summary>
    Deleted,

    /// <summary>There is no pipeline of that name (never created, or deleted before); nothing changed.</summary>
    NotFound,

    /// <summary>An execution of the pipeline is Executing or Stopping; nothing changed.</summary>
    HasUnfinishedExecutions,
}

/// <summary>The answer of <see cref="IPipelineStore.DeletePipelineAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="PipelineArn">The pipeline's ARN when it existed (deleted or not); <see langword="null"/> when not found.</param>
public sealed record PipelineDeletion(PipelineDeletionOutcome Outcome, string? PipelineArn);
