namespace Sluice.Core.Jobs;

/// <summary>
/// One job to run on an <see cref="IJobHost"/>: what SageMaker's container contract asks of a job, with nothing of how
/// a host runs it (the local host runs it in its bubblewrap sandbox).
/// </summary>
public sealed record JobSpec
{
    /// <summary>The command and its arguments, run as named (looked up on the host's PATH inside the job's environment).</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>The job's own folder on the host; inside the job it is <c>/opt/ml</c>, and no other job sees it.</summary>
    public required string JobDirectory { get; init; }

    /// <summary>Where standard output and standard error are written, interleaved as they arrive.</summary>
    public required string LogFile { get; init; }

    /// <summary>Environment variables added to the host's.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The working directory inside the job.</summary>
    public string WorkingDirectory { get; init; } = "/opt/ml";

    /// <summary>StoppingCondition.MaxRuntimeInSeconds: the job is stopped (SIGTERM, then SIGKILL) when it runs longer.</summary>
    public TimeSpan? MaxRuntime { get; init; }

    /// <summary>
    /// The network, limits and extra readable paths of this job: the configuration's <c>jobs:</c> with the step's own
    /// (EnableNetworkIsolation, VolumeSizeInGB) applied.
    /// </summary>
    public JobSettings Isolation { get; init; } = JobSettings.Default;

    /// <summary>
    /// The SageMaker instance type the step asks for (<c>ml.m5.xlarge</c>); a cluster host maps it to CPUs, memory and
    /// GPUs. <see langword="null"/> when the step names none.
    /// </summary>
    public string? InstanceType { get; init; }

    /// <summary>The host name the job sees (<c>hostname</c>), SageMaker's name of its instance: <c>algo-1</c>, <c>algo-2</c>, ...</summary>
    public string HostName { get; init; } = JobInstances.FirstHost;

    /// <summary>
    /// The other instances of a job that asks for <c>InstanceCount &gt; 1</c> (<c>algo-2</c> to <c>algo-N</c>): the same
    /// command, each with its own folder as <c>/opt/ml</c>, its own <see cref="HostName"/> and environment
    /// (<c>SM_CURRENT_HOST</c>), the same log. A host runs them all at once with this one; the job succeeds when every
    /// instance does, and fails with the first failing instance's outcome (<see cref="JobOutcome.FailedHost"/>), the
    /// others being stopped. Empty for a job of one instance. See <see cref="JobInstances"/>.
    /// </summary>
    public IReadOnlyList<JobSpec> OtherHosts { get; init; } = [];

    /// <summary>Every instance of the job: this one (<c>algo-1</c>), then <see cref="OtherHosts"/>.</summary>
    public IReadOnlyList<JobSpec> AllHosts => [this, .. OtherHosts];
}

/// <summary>How a job ended.</summary>
/// <param name="ExitCode">The exit code; for a job killed by a signal, 128 + the signal number.</param>
/// <param name="TimedOut">Whether MaxRuntime stopped it.</param>
/// <param name="Stopped">Whether a stop request ended it.</param>
/// <param name="LastErrorLines">The last lines the job wrote on standard error.</param>
public sealed record JobOutcome(int ExitCode, bool TimedOut, bool Stopped, IReadOnlyList<string> LastErrorLines)
{
    /// <summary>
    /// The reason, in SageMaker's style (<c>DiskLimitExceeded: ...</c>), when Sluice ended the job for going over one of
    /// its limits; <see langword="null"/> otherwise.
    /// </summary>
    public string? LimitExceeded { get; init; }

    /// <summary>
    /// When the job failed in a way one of its limits explains (a fork refused, memory or open files exhausted, a file
    /// too large), which limit it most likely reached and where it is set; when its Python lacked a module, which
    /// interpreter and how to give it one that has it; <see langword="null"/> otherwise.
    /// </summary>
    public string? LimitHint { get; init; }

    /// <summary>
    /// Why the machinery that ran the job ended it, in SageMaker's style (<c>CapacityError: ...</c>): a cluster node
    /// failed, the job was preempted or ran out of memory, or it vanished. <see langword="null"/> otherwise.
    /// </summary>
    public string? HostFailure { get; init; }

    /// <summary>
    /// For a job of several instances that failed, the instance whose failure ended it (<c>algo-2</c>), the first to fail;
    /// <see langword="null"/> for a job of one instance or one that succeeded.
    /// </summary>
    public string? FailedHost { get; init; }

    /// <summary>Whether the job exited with 0 on its own.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut && !Stopped && LimitExceeded is null && HostFailure is null;

    /// <summary>The failure as SageMaker words it: <c>AlgorithmError: last stderr lines (exit code N)</c>, or why it was ended.</summary>
    public string Describe(TimeSpan? maxRuntime)
    {
        if (LimitExceeded is not null && !Stopped)
        {
            return LimitExceeded;
        }

        if (HostFailure is not null && !Stopped && !TimedOut)
        {
            return HostFailure;
        }

        if (TimedOut)
        {
            return $"MaxRuntimeExceeded: the job ran longer than StoppingCondition.MaxRuntimeInSeconds ({maxRuntime?.TotalSeconds:0} s) and was stopped";
        }

        var tail = LastErrorLines.Count == 0 ? "(no output on stderr)" : string.Join("\n", LastErrorLines);
        var on = FailedHost is null ? string.Empty : $", host {FailedHost}";
        var reason = ExitCode switch
        {
            137 => $"AlgorithmError: {tail} (killed by SIGKILL, exit code 137: out of memory, or killed from outside{on})",
            > 128 and < 160 => $"AlgorithmError: {tail} (killed by signal {ExitCode - 128}, exit code {ExitCode}{on})",
            _ => $"AlgorithmError: {tail} (exit code {ExitCode}{on})",
        };
        return LimitHint is null ? reason : $"{reason}; {LimitHint}";
    }
}
