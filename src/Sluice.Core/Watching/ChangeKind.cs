namespace Sluice.Core.Watching;

/// <summary>What an <see cref="ExecutionChange"/> reports.</summary>
public enum ChangeKind
{
    /// <summary>An execution's record changed (started, stopping, ended, retried, renamed).</summary>
    Execution,

    /// <summary>A step's record changed (status, attempt, metadata, outputs).</summary>
    Step,

    /// <summary>
    /// Changes were dropped because the subscriber fell behind its buffer: whatever it shows may be stale, so it reads
    /// the state again (through the engine's queries) and goes on with the changes after this one.
    /// </summary>
    Resync,
}
