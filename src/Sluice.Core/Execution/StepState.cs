using Sluice.Core.Steps;
using Sluice.Core.Storage;
using Sluice.Definitions;

namespace Sluice.Core.Execution;

/// <summary>Where a step stands in the scheduler of one execution.</summary>
internal enum StepPhase
{
    /// <summary>Not started: waiting for its dependencies, for a slot, or never to run because the execution failed or stopped.</summary>
    Pending,

    /// <summary>Its task is running (including waits for a job slot or a retry).</summary>
    Running,

    /// <summary>Finished: see the result.</summary>
    Done,

    /// <summary>Never runs: it is in a branch not taken, or depends on a step that is.</summary>
    Skipped,
}

/// <summary>The scheduler's view of one step.</summary>
internal sealed class StepState(int node, StepDefinition step)
{
    public int Node { get; } = node;

    public StepDefinition Step { get; } = step;

    public StepPhase Phase { get; set; }

    /// <summary>The stored record, once the step has started.</summary>
    public StepRecord? Record { get; set; }

    /// <summary>The final result, once done.</summary>
    public StepResult? Result { get; set; }

    /// <summary>
    /// Whether <see cref="Record"/>, a final one, is held back, not yet handed to the writer: a step that finished
    /// without a job while no other step of its execution ran. It goes with the execution's end record in one write,
    /// or to the writer before any other step of the execution starts.
    /// </summary>
    public bool Unsaved { get; set; }

    /// <summary>Whether the record was loaded from an earlier process while the step was running.</summary>
    public bool Interrupted { get; set; }
}
