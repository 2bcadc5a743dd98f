namespace Sluice.Core.Steps;

/// <summary>Runs steps of one type.</summary>
public interface IStepRunner
{
    /// <summary>Whether an attempt holds one of the engine's job slots while it runs (true for jobs, false for steps evaluated in the engine).</summary>
    bool UsesJobSlot { get; }

    /// <summary>
    /// Whether an attempt finishes at once (a Condition or Fail step evaluated in the engine). The engine then stores
    /// only the step's final record, one write instead of three.
    /// </summary>
    bool FinishesAtOnce => false;

    /// <summary>Runs one attempt of a step.</summary>
    /// <param name="context">The step, its resolved arguments and what it may read.</param>
    /// <param name="cancellationToken">Signalled when the process shuts down; the attempt is then abandoned, not stopped.</param>
    /// <returns>How the attempt ended.</returns>
    Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken);
}
