using Sluice.Core.Storage;

namespace Sluice.Core.Watching;

/// <summary>One change the engine made to an execution or one of its steps, after it was stored.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="ExecutionArn">The execution; <see langword="null"/> for <see cref="ChangeKind.Resync"/> on a watch of every execution.</param>
/// <param name="Execution">The execution's new record, for <see cref="ChangeKind.Execution"/>.</param>
/// <param name="Step">The step's new record, for <see cref="ChangeKind.Step"/>.</param>
public sealed record ExecutionChange(ChangeKind Kind, string? ExecutionArn, ExecutionRecord? Execution, StepRecord? Step)
{
    /// <summary>A change of an execution's record.</summary>
    /// <param name="execution">The record as stored.</param>
    /// <returns>The change.</returns>
    public static ExecutionChange Of(ExecutionRecord execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return new(ChangeKind.Execution, execution.Arn, execution, null);
    }

    /// <summary>A change of a step's record.</summary>
    /// <param name="step">The record as stored.</param>
    /// <returns>The change.</returns>
    public static ExecutionChange Of(StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new(ChangeKind.Step, step.ExecutionArn, null, step);
    }
}
