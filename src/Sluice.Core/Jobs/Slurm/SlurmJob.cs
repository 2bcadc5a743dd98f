using System.Text;

namespace Sluice.Core.Jobs.Slurm;

/// <summary>
/// One Slurm job the host watches: what Slurm last said of it, what Sluice asked of it, and how it ended once it has.
/// A job submitted by this process knows its <see cref="JobSpec"/>; one re-attached after a restart knows only its handle.
/// </summary>
internal sealed class SlurmJob(SlurmJobHandle handle, JobSpec? spec)
{
    private const int ErrorLinesKept = 5;
    private const int TailBytes = 16 * 1024;

    private readonly TaskCompletionSource<JobOutcome> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopping;
    private volatile bool _stopRequested;
    private volatile bool _timedOut;

    /// <summary>The job's handle.</summary>
    public SlurmJobHandle Handle { get; } = handle;

    /// <summary>The job as submitted; <see langword="null"/> for a job re-attached after a restart.</summary>
    public JobSpec? Spec { get; } = spec;

    /// <summary>What Slurm last said of the job; <see langword="null"/> before the first answer.</summary>
    public SlurmJobStatus? LastStatus { get; set; }

    /// <summary>When the host first saw the job running; MaxRuntime counts from then.</summary>
    public DateTimeOffset? RunningSince { get; set; }

    /// <summary>Consecutive look-ups that did not find the job and found no exit code either.</summary>
    public int MissingTicks { get; set; }

    /// <summary>Consecutive look-ups that found the job ended but no exit code yet (a shared file system may lag).</summary>
    public int EndedWithoutCodeTicks { get; set; }

    /// <summary>Whether Sluice asked the job to stop.</summary>
    public bool StopRequested
    {
        get => _stopRequested;
        set => _stopRequested = value;
    }

    /// <summary>Whether Sluice stopped the job for running past its MaxRuntime.</summary>
    public bool TimedOut
    {
        get => _timedOut;
        set => _timedOut = value;
    }

    /// <summary>How the job ended; completes once.</summary>
    public Task<JobOutcome> Completion => _ended.Task;

    /// <summary>Whether the job has ended.</summary>
    public bool IsEnded => _ended.Task.IsCompleted;

    /// <summary>Claims the job's stop sequence; only the first caller runs it.</summary>
    /// <returns>Whether this caller runs it.</returns>
    public bool BeginStopping() => Interlocked.Exchange(ref _stopping, 1) == 0;

    /// <summary>Records how the job ended (the first call wins).</summary>
    /// <param name="outcome">The outcome.</param>
    public void End(JobOutcome outcome) => _ended.TrySetResult(outcome);

    /// <summary>The exit code the job's script wrote; <see langword="null"/> when there is none (yet).</summary>
    /// <returns>The code.</returns>
    public int? ReadExitCode()
    {
        var path = Path.Combine(Handle.ControlDirectory, SlurmSubmission.ExitCodeFile);
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length <= 64 && info.LinkTarget is null ? SlurmOutput.ExitCode(File.ReadAllText(path)) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The last lines of the job's standard error (of its first failing instance, for a job of several); when it wrote
    /// none, the last of what Slurm wrote of it.
    /// </summary>
    /// <returns>At most five lines.</returns>
    public IReadOnlyList<string> ErrorLines()
    {
        var lines = Tail(FailedHost() is { } host ? SlurmSubmission.ErrorFile + "." + host : SlurmSubmission.ErrorFile);
        return lines.Count > 0 ? lines : Tail(SlurmSubmission.SlurmOutputFile);
    }

    /// <summary>The first instance of a job of several to fail, as its script wrote it; <see langword="null"/> when none did.</summary>
    /// <returns>The instance's name, e.g. <c>algo-2</c>.</returns>
    public string? FailedHost() =>
        SmallText(SlurmSubmission.FailedHostFile) is { } text && text.Trim() is var host && SlurmSubmission.IsHostName(host) ? host : null;

    /// <summary>Why the disk watch killed the job, as the script wrote it; <see langword="null"/> when it did not.</summary>
    /// <returns>The reason.</returns>
    public string? LimitReason() =>
        SmallText(SlurmSubmission.LimitFile) is { } text && text.Trim() is { Length: > 0 } reason && !reason.Any(char.IsControl) ? reason : null;

    /// <summary>A small file of the control folder (at most 1 KiB, never through a link); <see langword="null"/> when absent.</summary>
    private string? SmallText(string file)
    {
        var path = Path.Combine(Handle.ControlDirectory, file);
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length <= 1024 && info.LinkTarget is null ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private List<string> Tail(string file)
    {
        var path = Path.Combine(Handle.ControlDirectory, file);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var start = Math.Max(0, stream.Length - TailBytes);
            stream.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - start];
            stream.ReadExactly(buffer);
            var lines = Encoding.UTF8.GetString(buffer).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            if (start > 0 && lines.Count > 0)
            {
                lines.RemoveAt(0);
            }

            return lines.TakeLast(ErrorLinesKept).ToList();
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
