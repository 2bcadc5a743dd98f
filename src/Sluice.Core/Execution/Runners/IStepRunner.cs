namespace Sluice.Core.Execution.Runners;

/// <summary>Runs steps of one type.</summary>
public interface IStepRunner
{
    /// <summary>Whether an attempt holds one of the engine's job slots while it runs (true for jobs, false for steps evaluated in the engine).</summary>
    bool UsesJobSlot { get; }

    /// <summary>Runs one attempt of a step.</summary>
    /// <param name="context">The step, its resolved arguments and what it may read.</param>
    /// <param name="cancellationToken">Signalled when the process shuts down; the attempt is then abandoned, not stopped.</param>
    /// <returns>How the attempt ended.</returns>
    Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken);
}
