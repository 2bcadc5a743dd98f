namespace Sluice.Client.SageMaker.Executions;

/// <summary>
/// The values of <c>PipelineExecutionStatus</c>. They stay strings on the wire types, so a status added by the service
/// later still reads.
/// </summary>
public static class PipelineExecutionStatus
{
    /// <summary>The execution is running.</summary>
    public const string Executing = "Executing";

    /// <summary>The execution is being stopped.</summary>
    public const string Stopping = "Stopping";

    /// <summary>The execution was stopped.</summary>
    public const string Stopped = "Stopped";

    /// <summary>The execution failed.</summary>
    public const string Failed = "Failed";

    /// <summary>The execution succeeded.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>Whether a status is final: anything but <see cref="Executing"/> and <see cref="Stopping"/> (and not <see langword="null"/>).</summary>
    /// <param name="status">The status.</param>
    /// <returns>Whether the execution has ended.</returns>
    public static bool IsTerminal(string? status) => status is not null and not Executing and not Stopping;
}
