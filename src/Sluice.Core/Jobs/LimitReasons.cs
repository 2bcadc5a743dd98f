namespace Sluice.Core.Jobs;

/// <summary>The words of a failure a job's limits caused, each naming the limit and where it is set.</summary>
internal static class LimitReasons
{
    private const string Where = "in sluice.yaml";

    /// <summary>The reason of a job Sluice killed for holding more than its disk limit under /opt/ml.</summary>
    public static string DiskExceeded(JobLimits limits) =>
        $"DiskLimitExceeded: the job's /opt/ml held more than {JobLimits.InMegabytes(limits.DiskBytes)} MB and the job was stopped " +
        $"(jobs.limits.disk_mb {Where}, or the step's VolumeSizeInGB when lower)";

    /// <summary>Which limit most likely made a job fail, from how it ended and its last lines; <see langword="null"/> when none fits.</summary>
    public static string? Hint(JobOutcome outcome, JobLimits limits)
    {
        const int sigXfsz = 25;
        var text = string.Join("\n", outcome.LastErrorLines);
        bool Says(params string[] phrases) => phrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));

        if (outcome.ExitCode == 128 + sigXfsz || Says("File too large"))
        {
            return $"a file reached the job's disk limit of {JobLimits.InMegabytes(limits.DiskBytes)} MB (jobs.limits.disk_mb {Where}, or the step's VolumeSizeInGB)";
        }

        if (Says("MemoryError", "Cannot allocate memory", "std::bad_alloc", "out of memory"))
        {
            return $"the job's memory limit is {JobLimits.InMegabytes(limits.MemoryBytes)} MB of address space per process (jobs.limits.memory_mb {Where})";
        }

        if (Says("Cannot fork", "fork: Resource temporarily unavailable", "can't start new thread", "BlockingIOError", "Resource temporarily unavailable"))
        {
            return $"the job may start at most {limits.Processes} processes and threads (jobs.limits.processes {Where})";
        }

        if (Says("Too many open files"))
        {
            return $"the job may open at most {limits.OpenFiles} files per process (jobs.limits.open_files {Where})";
        }

        return null;
    }
}
