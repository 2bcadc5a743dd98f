using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

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
/// Runs jobs as real processes inside a bubblewrap sandbox that isolates them: a job is untrusted code, sees only the
/// system folders (read-only) and its own folder as <c>/opt/ml</c>, runs as a user without capabilities in its own
/// namespaces, and is held to the limits of its <see cref="JobSpec.Isolation"/> (see <see cref="SandboxArguments"/>
/// and docs/security.md). Scripts written for SageMaker containers find their inputs and write their outputs where they
/// expect. There is no fallback without the sandbox.
/// </summary>
/// <param name="time">The clock for MaxRuntime and the disk watch.</param>
/// <param name="stopGrace">How long a stopped job has between SIGTERM and SIGKILL.</param>
public sealed class JobSandbox(TimeProvider time, TimeSpan stopGrace)
{
    private const int ErrorLinesKept = 5;

    /// <summary>How often the size of a running job's folder is measured against its disk limit.</summary>
    public static readonly TimeSpan DiskWatchInterval = TimeSpan.FromSeconds(1);

    /// <summary>Runs a job to its end.</summary>
    /// <param name="job">The job.</param>
    /// <param name="stop">Signalled to stop the job: SIGTERM, then SIGKILL after the grace period.</param>
    /// <param name="cancellationToken">Signalled when the process shuts down: the job is killed at once.</param>
    /// <returns>How it ended.</returns>
    /// <exception cref="SandboxUnavailableException">When bubblewrap or util-linux is not installed.</exception>
    public async Task<JobOutcome> RunAsync(JobSpec job, CancellationToken stop, CancellationToken cancellationToken)
    {
        var tools = SandboxTools.Current;
        var identity = SandboxIdentity.Next(job.Isolation);
        Directory.CreateDirectory(job.JobDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(job.LogFile))!);
        if (identity.AsRoot)
        {
            GiveTree(job.JobDirectory, identity.Uid);
        }

        using var process = Start(job, identity, tools);
        await using var log = new StreamWriter(job.LogFile, append: true) { AutoFlush = true };
        var errors = new Queue<string>();
        var pump = Task.WhenAll(
            PumpAsync(process.StandardOutput, log, null),
            PumpAsync(process.StandardError, log, errors));

        using var timeout = job.MaxRuntime is { } max ? new CancellationTokenSource(max, time) : new CancellationTokenSource();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stop);
        using var watchEnd = new CancellationTokenSource();
        var diskWatch = WatchDiskAsync(job, process, watchEnd.Token);
        await using var onEnd = ending.Token.Register(() => _ = TerminateAsync(process));
        await using var onShutdown = cancellationToken.Register(() => Kill(process));
        await process.WaitForExitAsync(CancellationToken.None);
        await watchEnd.CancelAsync();
        var diskExceeded = await diskWatch;
        await pump;
        cancellationToken.ThrowIfCancellationRequested();
        lock (errors)
        {
            var outcome = new JobOutcome(process.ExitCode, timeout.IsCancellationRequested, stop.IsCancellationRequested, [.. errors]);
            return diskExceeded
                ? outcome with { LimitExceeded = LimitReasons.DiskExceeded(job.Isolation.Limits) }
                : outcome with
                {
                    LimitHint = outcome.ExitCode == 0 ? null : LimitReasons.Hint(outcome, job.Isolation.Limits) ?? InterpreterHints.MissingModule(outcome, job.Command),
                };
        }
    }

    private static Process Start(JobSpec job, SandboxIdentity identity, SandboxTools tools)
    {
        var start = new ProcessStartInfo(SandboxTools.Bubblewrap)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in SandboxArguments.For(job, identity, tools))
        {
            start.ArgumentList.Add(argument);
        }

        JobEnvironment.Fill(start.Environment, job);
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

    /// <summary>Makes the job's user the owner of its folder and what was staged in it, links not followed.</summary>
    private static void GiveTree(string root, uint uid)
    {
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var path))
        {
            if (NativeMethods.LChown(path, uid, uid) != 0)
            {
                throw new IOException($"{path}: cannot be given to the job's user {uid} ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())})");
            }

            if (NativeMethods.LStat(path)?.Kind == FileKind.Directory)
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(path))
                {
                    pending.Push(entry);
                }
            }
        }
    }

    /// <summary>Measures the job's folder every <see cref="DiskWatchInterval"/>; kills the job when it holds more than its disk limit.</summary>
    /// <returns>Whether the job was killed for it.</returns>
    private async Task<bool> WatchDiskAsync(JobSpec job, Process process, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(DiskWatchInterval, time, cancellationToken);
                if (JobFiles.SizeOf(job.JobDirectory) > job.Isolation.Limits.DiskBytes)
                {
                    Kill(process);
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return JobFiles.SizeOf(job.JobDirectory) > job.Isolation.Limits.DiskBytes;
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
