namespace Sluice.Core.Jobs.Slurm;

/// <summary>
/// The disk watch a job's batch script runs inside the allocation, as the local host's: every
/// <see cref="SlurmSubmission.DiskWatchSeconds"/> it measures the folder (<c>du</c>, links not followed) and, over the
/// limit, kills the sandbox and leaves <see cref="Reason"/> in the control folder's <see cref="SlurmSubmission.LimitFile"/>.
/// </summary>
/// <param name="Directory">The job's (or instance's) folder on the compute node.</param>
/// <param name="LimitBytes">The most it may hold: <c>jobs.limits.disk_mb</c>, or the step's VolumeSizeInGB when lower.</param>
/// <param name="Reason">The failure reason the host gives a job killed for it.</param>
internal sealed record SlurmDiskWatch(string Directory, long LimitBytes, string Reason)
{
    /// <summary>The watch of a job's folder under its limits.</summary>
    /// <param name="job">The job (or one instance of it).</param>
    /// <returns>The watch.</returns>
    public static SlurmDiskWatch Of(JobSpec job) =>
        new(Path.GetFullPath(job.JobDirectory), job.Isolation.Limits.DiskBytes, LimitReasons.DiskExceeded(job.Isolation.Limits));
}
