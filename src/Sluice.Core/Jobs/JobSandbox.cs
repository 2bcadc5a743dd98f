using System.ComponentModel;
using System.Diagnostics;

namespace Sluice.Core.Jobs;

/// <summary>The sandbox could not be started (bubblewrap missing or refused); the message says how to fix it.</summary>
public sealed class SandboxUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SandboxUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is missing and how to install it.</param>
    public SandboxUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SandboxUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Runs jobs as real processes inside a bubblewrap sandbox: the host's file system read-only, a private <c>/tmp</c>,
/// a private process namespace, and <c>/opt/ml</c> bound to the job's own folder so scripts written for SageMaker
/// containers find their inputs and write their outputs where they expect, while two jobs never see each other's
/// files. There is no fallback without the sandbox.
/// </summary>
/// <param name="time">The clock for MaxRuntime.</param>
/// <param name="stopGrace">How long a stopped job has between SIGTERM and SIGKILL.</param>
public sealed class JobSandbox(TimeProvider time, TimeSpan stopGrace)
{
    private const int ErrorLinesKept = 5;
    private const string Bubblewrap = "bwrap";

    /// <summary>Runs a job to its end.</summary>
    /// <param name="job">The job.</param>
    /// <param name="stop">Signalled to stop the job: SIGTERM, then SIGKILL after the grace period.</param>
    /// <param name="cancellationToken">Signalled when the process shuts down: the job is killed at once.</param>
    /// <returns>How it ended.</returns>
    /// <exception cref="SandboxUnavailableException">When bubblewrap is not installed.</exception>
    public async Task<JobOutcome> RunAsync(JobSpec job, CancellationToken stop, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(job.JobDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(job.LogFile))!);
        using var process = Start(job);
        await using var log = new StreamWriter(job.LogFile, append: true) { AutoFlush = true };
        var errors = new Queue<string>();
        var pump = Task.WhenAll(
            PumpAsync(process.StandardOutput, log, null),
            PumpAsync(process.StandardError, log, errors));

        using var timeout = job.MaxRuntime is { } max ? new CancellationTokenSource(max, time) : new CancellationTokenSource();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stop);
        await using var onEnd = ending.Token.Register(() => _ = TerminateAsync(process));
        await using var onShutdown = cancellationToken.Register(() => Kill(process));
        await process.WaitForExitAsync(CancellationToken.None);
        await pump;
        cancellationToken.ThrowIfCancellationRequested();
        lock (errors)
        {
            return new JobOutcome(process.ExitCode, timeout.IsCancellationRequested, stop.IsCancellationRequested, [.. errors]);
        }
    }

    private static Process Start(JobSpec job)
    {
        var start = new ProcessStartInfo(Bubblewrap)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in SandboxArguments(job))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in job.Environment)
        {
            start.Environment[name] = value;
        }

        try
        {
            var process = Process.Start(start) ?? throw new SandboxUnavailableException("bubblewrap (bwrap) did not start.");
            process.StandardInput.Close();
            return process;
        }
        catch (Win32Exception e)
        {
            throw new SandboxUnavailableException(
                "Jobs run in a bubblewrap sandbox, and bubblewrap (bwrap) is not installed: run 'apt-get install bubblewrap'.", e);
        }
    }

    /// <summary>The bwrap arguments: the host read-only, private /tmp and PID namespace, /opt/ml as the job's folder.</summary>
    internal static IEnumerable<string> SandboxArguments(JobSpec job)
    {
        string[] fixedArguments =
        [
            "--ro-bind", "/", "/",
            "--dev", "/dev",
            "--proc", "/proc",
            "--tmpfs", "/tmp",
            "--tmpfs", "/opt",
        ];
        foreach (var argument in fixedArguments)
        {
            yield return argument;
        }

        // /opt is private so /opt/ml can be mounted; the host's own /opt entries stay visible, read-only.
        if (Directory.Exists("/opt"))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries("/opt").Where(e => Path.GetFileName(e) != "ml").Order(StringComparer.Ordinal))
            {
                yield return "--ro-bind";
                yield return entry;
                yield return entry;
            }
        }

        yield return "--bind";
        yield return Path.GetFullPath(job.JobDirectory);
        yield return "/opt/ml";
        yield return "--chdir";
        yield return job.WorkingDirectory;
        yield return "--unshare-pid";
        yield return "--die-with-parent";
        yield return "--";
        foreach (var word in job.Command)
        {
            yield return word;
        }
    }

    private static async Task PumpAsync(StreamReader reader, StreamWriter log, Queue<string>? errors)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (log)
            {
                log.WriteLine(line);
            }

            if (errors is not null)
            {
                lock (errors)
                {
                    errors.Enqueue(line);
                    if (errors.Count > ErrorLinesKept)
                    {
                        errors.Dequeue();
                    }
                }
            }
        }
    }

    private async Task TerminateAsync(Process process)
    {
        try
        {
            Signal(process, NativeMethods.SigTerm);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(stopGrace, time);
        }
        catch (TimeoutException)
        {
            Kill(process);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    /// <summary>Sends a signal to every process the job started (bwrap passes none on), deepest first.</summary>
    private static void Signal(Process process, int signal)
    {
        var descendants = Descendants(process.Id);
        for (var i = descendants.Count - 1; i >= 0; i--)
        {
            _ = NativeMethods.Kill(descendants[i], signal);
        }
    }

    private static List<int> Descendants(int root)
    {
        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
        {
            string[] tasks;
            try
            {
                tasks = Directory.GetDirectories($"/proc/{pid}/task");
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var task in tasks)
            {
                string children;
                try
                {
                    children = File.ReadAllText(Path.Combine(task, "children"));
                }
                catch (IOException)
                {
                    continue;
                }

                foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var id = int.Parse(child, System.Globalization.CultureInfo.InvariantCulture);
                    found.Add(id);
                    queue.Enqueue(id);
                }
            }
        }

        return found;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
