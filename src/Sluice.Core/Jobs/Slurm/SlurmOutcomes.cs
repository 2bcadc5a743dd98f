namespace Sluice.Core.Jobs.Slurm;

/// <summary>
/// How a Slurm job ended, as a <see cref="JobOutcome"/>: from the exit code its script wrote, the last state Slurm
/// gave, and what the host itself asked (a stop, or a stop for running past MaxRuntime). A state the job's own code
/// cannot explain (preempted, a node failure, out of memory, cancelled by someone else, vanished) becomes a
/// SageMaker-style <see cref="JobOutcome.HostFailure"/>.
/// </summary>
public static class SlurmOutcomes
{
    private const int SigTerm = 143;
    private const int SigKill = 137;

    /// <summary>
    /// Reasons Slurm gives for a pending job that its configuration will never let run (more CPUs than any node of the
    /// partition has, a time limit above the partition's, an unknown account or QOS).
    /// </summary>
    private static readonly HashSet<string> NeverRunReasons = new(StringComparer.Ordinal)
    {
        "BadConstraints", "PartitionConfig", "PartitionNodeLimit", "PartitionTimeLimit", "InvalidAccount", "InvalidQOS",
    };

    /// <summary>Why a pending job will never run, as a SageMaker-style reason; <see langword="null"/> when it may still run.</summary>
    /// <param name="jobId">The Slurm job id.</param>
    /// <param name="status">Slurm's word on the job.</param>
    /// <returns>The reason.</returns>
    public static string? NeverRuns(string jobId, SlurmJobStatus status) =>
        status.State == "PENDING" && NeverRunReasons.Contains(status.Reason)
            ? $"CapacityError: Slurm cannot run job {jobId} as asked (pending, reason {status.Reason}): the step's instance type asks for more than the partition offers; see jobs.slurm.instance_types and partition in sluice.yaml"
            : null;

    /// <summary>The outcome of an ended job.</summary>
    /// <param name="jobId">The Slurm job id, for the reasons.</param>
    /// <param name="status">Slurm's last word on the job; <see langword="null"/> when it no longer knows the job.</param>
    /// <param name="exitCode">The code the job's script wrote; <see langword="null"/> when it wrote none.</param>
    /// <param name="stopRequested">Whether Sluice asked the job to stop.</param>
    /// <param name="timedOut">Whether Sluice stopped it for running past MaxRuntime.</param>
    /// <param name="errorLines">The last lines the job wrote on standard error.</param>
    /// <returns>The outcome.</returns>
    public static JobOutcome Of(string jobId, SlurmJobStatus? status, int? exitCode, bool stopRequested, bool timedOut, IReadOnlyList<string> errorLines)
    {
        var state = status?.State;
        if (timedOut || state == "TIMEOUT")
        {
            return new JobOutcome(exitCode ?? SigTerm, TimedOut: true, Stopped: false, errorLines);
        }

        if (stopRequested)
        {
            return new JobOutcome(exitCode ?? SigTerm, TimedOut: false, Stopped: true, errorLines);
        }

        var failure = state switch
        {
            "OUT_OF_MEMORY" => $"OutOfMemory: Slurm job {jobId} used more memory than its allocation (--mem from the step's instance type; see jobs.slurm.instance_types in sluice.yaml) and was killed",
            "NODE_FAIL" => $"InternalServerError: the Slurm node running job {jobId} failed (NODE_FAIL)",
            "BOOT_FAIL" => $"CapacityError: the Slurm node for job {jobId} failed to boot (BOOT_FAIL)",
            "PREEMPTED" => $"CapacityError: Slurm preempted job {jobId} for another job (PREEMPTED)",
            "DEADLINE" => $"CapacityError: Slurm job {jobId} reached its deadline before it could finish (DEADLINE)",
            "CANCELLED" => $"InternalServerError: Slurm job {jobId} was cancelled outside Sluice (scancel, or an administrator)",
            "REVOKED" => $"InternalServerError: Slurm job {jobId} was revoked by its federation (REVOKED)",
            _ => null,
        };
        if (failure is not null)
        {
            return new JobOutcome(exitCode ?? (state == "OUT_OF_MEMORY" ? SigKill : SigTerm), false, false, errorLines) { HostFailure = failure };
        }

        if (exitCode is { } code)
        {
            return new JobOutcome(code, false, false, errorLines);
        }

        var reason = status is null
            ? $"InternalServerError: Slurm job {jobId} vanished from the queue without leaving an exit code (purged, or lost by the cluster)"
            : $"InternalServerError: Slurm job {jobId} ended ({status.State}, reason {status.Reason}) without its script writing an exit code; is the data directory shared with the compute nodes, and is bubblewrap installed there?";
        return new JobOutcome(1, false, false, errorLines) { HostFailure = reason };
    }
}
