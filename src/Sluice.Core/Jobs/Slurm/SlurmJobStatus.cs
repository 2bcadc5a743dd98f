namespace Sluice.Core.Jobs.Slurm;

/// <summary>What Slurm says of one job: its state (<c>RUNNING</c>, <c>TIMEOUT</c>, ...) and the reason it gives.</summary>
/// <param name="State">The state as squeue's <c>%T</c> and scontrol's <c>JobState</c> write it, e.g. <c>CANCELLED</c> (a trailing <c>+</c> or <c>by uid</c> removed).</param>
/// <param name="Reason">The reason, e.g. <c>NonZeroExitCode</c> or <c>None</c>.</param>
public sealed record SlurmJobStatus(string State, string Reason)
{
    /// <summary>States in which the job still holds, or waits for, an allocation; any other state is final.</summary>
    private static readonly HashSet<string> LiveStates = new(StringComparer.Ordinal)
    {
        "PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED",
        "RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED", "RESV_DEL_HOLD", "SPECIAL_EXIT",
    };

    /// <summary>Whether the job has ended (COMPLETED, FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, ...).</summary>
    public bool IsFinal => !LiveStates.Contains(State);

    /// <summary>Whether the job's command is running (RUNNING, COMPLETING, SIGNALING, STAGE_OUT).</summary>
    public bool IsRunning => State is "RUNNING" or "COMPLETING" or "SIGNALING" or "STAGE_OUT";

    /// <summary>A state as Slurm prints it, without decorations (<c>CANCELLED+</c>, <c>CANCELLED by 0</c>).</summary>
    /// <param name="text">The printed state.</param>
    /// <returns>The bare state in upper case.</returns>
    public static string Normalize(string text)
    {
        var state = text.Trim();
        var space = state.IndexOf(' ', StringComparison.Ordinal);
        state = space < 0 ? state : state[..space];
        return state.TrimEnd('+').ToUpperInvariant();
    }
}
