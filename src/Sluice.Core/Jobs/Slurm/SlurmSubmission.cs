using System.Globalization;
using System.Text;

namespace Sluice.Core.Jobs.Slurm;

/// <summary>
/// The two things a submission is made of: sbatch's options and the batch script. The script runs the job in the same
/// bubblewrap sandbox as the local host (the command line <see cref="Local.SandboxArguments"/> builds, with the
/// environment <see cref="Local.JobEnvironment"/> gives and nothing of Slurm's), appends its output to the step's
/// log, keeps its standard error apart for the failure reason, and writes its exit code to a file, which is how the
/// host learns it.
/// </summary>
internal static class SlurmSubmission
{
    /// <summary>The name of the batch script in the job's control folder.</summary>
    public const string ScriptFile = "job.sh";

    /// <summary>The file the script writes the job's exit code to, when the job has ended.</summary>
    public const string ExitCodeFile = "exitcode";

    /// <summary>The job's standard error, kept apart for the last lines of a failure reason.</summary>
    public const string ErrorFile = "stderr";

    /// <summary>What Slurm itself writes of the job (the script's own output, slurmstepd's messages).</summary>
    public const string SlurmOutputFile = "slurm.out";

    /// <summary>The file the disk watch writes its reason to when it kills a job for holding more than its disk limit.</summary>
    public const string LimitFile = "limit";

    /// <summary>The file the first instance of a job of several instances to fail writes its name to (<c>algo-2</c>).</summary>
    public const string FailedHostFile = "failed-host";

    /// <summary>How often the disk watch inside the allocation measures the job's folder, in seconds (as the local host's).</summary>
    public const int DiskWatchSeconds = 1;

    /// <summary>The PATH of the batch script itself, before the job's own environment is set.</summary>
    private const string ScriptPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The control folder of a job: beside its folder, so the job (which sees only its folder) cannot reach it.</summary>
    /// <param name="jobDirectory">The job's folder.</param>
    /// <returns>The control folder.</returns>
    public static string ControlDirectoryOf(string jobDirectory) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(jobDirectory)) + ".slurm";

    /// <summary>sbatch's arguments for a job, the script's path last.</summary>
    /// <param name="job">The job.</param>
    /// <param name="settings">The Slurm settings.</param>
    /// <param name="controlDirectory">The job's control folder.</param>
    /// <param name="stopGrace">The grace between SIGTERM and SIGKILL, added to the time limit so the host's own stop comes first.</param>
    /// <returns>The arguments.</returns>
    public static List<string> SbatchArguments(JobSpec job, SlurmSettings settings, string controlDirectory, TimeSpan stopGrace)
    {
        var resources = settings.ResourcesOf(job.InstanceType);
        var arguments = new List<string>
        {
            "--parsable",
            "--job-name=sluice",
            "--no-requeue",
            "--export=NONE",
        };

        // One task per instance. Several instances name their resources per task (--mem is per node), and leave the
        // nodes to Slurm: packed on one, or one per node with --ntasks-per-node=1 in sbatch_options.
        var instances = job.AllHosts.Count;
        arguments.AddRange(instances == 1 ? ["--nodes=1", "--ntasks=1"] : [$"--ntasks={instances.ToString(CultureInfo.InvariantCulture)}"]);
        arguments.AddRange([
            $"--chdir={controlDirectory}",
            $"--output={Path.Combine(controlDirectory, SlurmOutputFile)}",
            "--open-mode=append",
            $"--cpus-per-task={resources.Cpus.ToString(CultureInfo.InvariantCulture)}",
        ]);
        if (resources.MemoryMb is { } memory)
        {
            arguments.Add(instances == 1
                ? $"--mem={memory.ToString(CultureInfo.InvariantCulture)}M"
                : $"--mem-per-cpu={((memory + resources.Cpus - 1) / Math.Max(1, resources.Cpus)).ToString(CultureInfo.InvariantCulture)}M");
        }

        if (resources.Gpus > 0)
        {
            arguments.Add(instances == 1 ? $"--gpus={resources.Gpus.ToString(CultureInfo.InvariantCulture)}" : $"--gpus-per-task={resources.Gpus.ToString(CultureInfo.InvariantCulture)}");
        }

        if (job.MaxRuntime is { } max)
        {
            arguments.Add($"--time={TimeLimitMinutes(max, stopGrace).ToString(CultureInfo.InvariantCulture)}");
        }

        if (settings.Partition is { } partition)
        {
            arguments.Add($"--partition={partition}");
        }

        if (settings.Account is { } account)
        {
            arguments.Add($"--account={account}");
        }

        if (settings.Qos is { } qos)
        {
            arguments.Add($"--qos={qos}");
        }

        arguments.AddRange(settings.ExtraOptions);
        arguments.Add(Path.Combine(controlDirectory, ScriptFile));
        return arguments;
    }

    /// <summary>
    /// Slurm's time limit in whole minutes (its granularity): MaxRuntime plus the stop grace, rounded up, at least 1. The
    /// host stops the job itself when MaxRuntime has passed; Slurm's limit is the backstop while no Sluice watches.
    /// </summary>
    /// <param name="maxRuntime">StoppingCondition.MaxRuntimeInSeconds.</param>
    /// <param name="stopGrace">The grace between SIGTERM and SIGKILL.</param>
    /// <returns>Minutes.</returns>
    public static long TimeLimitMinutes(TimeSpan maxRuntime, TimeSpan stopGrace) =>
        Math.Max(1, (long)Math.Ceiling((maxRuntime + stopGrace).TotalMinutes));

    /// <summary>The batch script of a job of one instance.</summary>
    /// <param name="sandbox">The sandbox's command line: bwrap, its arguments, the job's command last.</param>
    /// <param name="environment">The job's whole environment.</param>
    /// <param name="logFile">The step's log, appended to.</param>
    /// <param name="controlDirectory">The job's control folder.</param>
    /// <param name="disk">The disk watch of the job's folder; none when <see langword="null"/>.</param>
    /// <returns>The script's text.</returns>
    /// <exception cref="ArgumentException">When a word or variable holds a NUL character, which no command line can carry.</exception>
    public static string Script(
        IReadOnlyList<string> sandbox, IReadOnlyDictionary<string, string?> environment, string logFile, string controlDirectory, SlurmDiskWatch? disk = null)
    {
        var script = Header("runs one job in its bubblewrap sandbox and records its exit code", logFile, controlDirectory);
        script.Append("trap 'echo \"sluice: the job was asked to stop (SIGTERM)\" >&2' TERM\n");
        RunBlock(script, sandbox, environment, disk, ErrorFile);
        WriteExitCode(script, ExitCodeFile);
        script.Append("exit \"$code\"\n");
        return script.ToString();
    }

    /// <summary>
    /// The script one instance of a job of several runs as its Slurm task: the instance's sandbox, its standard error kept
    /// in <c>stderr.algo-K</c> and its exit code in <c>exitcode.algo-K</c>; when it fails and is the first to, it writes
    /// its name to <see cref="FailedHostFile"/> before it exits (after which srun ends the other tasks).
    /// </summary>
    /// <param name="host">The instance's name.</param>
    /// <param name="sandbox">The sandbox's command line.</param>
    /// <param name="environment">The instance's whole environment.</param>
    /// <param name="logFile">The step's log, appended to.</param>
    /// <param name="controlDirectory">The job's control folder.</param>
    /// <param name="disk">The disk watch of the instance's folder; none when <see langword="null"/>.</param>
    /// <returns>The script's text.</returns>
    public static string HostScript(
        string host, IReadOnlyList<string> sandbox, IReadOnlyDictionary<string, string?> environment, string logFile, string controlDirectory, SlurmDiskWatch? disk)
    {
        var script = Header($"runs instance {host} of a job in its bubblewrap sandbox and records its exit code", logFile, controlDirectory);
        script.Append("host=").Append(Quote(host)).Append('\n');
        script.Append("trap 'echo \"sluice: $host was asked to stop (SIGTERM)\" >&2' TERM\n");
        RunBlock(script, sandbox, environment, disk, ErrorFile + "." + host);
        script.Append("if [ \"$code\" -ne 0 ]; then ( set -o noclobber; printf '%s\\n' \"$host\" >\"$control/").Append(FailedHostFile).Append("\" ) 2>/dev/null; fi\n");
        WriteExitCode(script, ExitCodeFile + "." + host);
        script.Append("exit \"$code\"\n");
        return script.ToString();
    }

    /// <summary>Whether a text is an instance's name the scripts may use in file names: letters, digits and '-', at most 63.</summary>
    /// <param name="host">The text.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public static bool IsHostName(string host) =>
        host.Length is > 0 and <= 63 && host.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && host[0] != '-';

    /// <summary>The name of an instance's script in the control folder, by its Slurm task number (0 for <c>algo-1</c>).</summary>
    /// <param name="task">The task number, SLURM_PROCID.</param>
    /// <returns>The file name.</returns>
    public static string HostScriptFile(int task) => $"host-{task.ToString(CultureInfo.InvariantCulture)}.sh";

    /// <summary>
    /// The batch script of a job of several instances: one <c>srun</c> starts a task per instance, each running its
    /// <see cref="HostScript"/>, and ends them all when one fails (<c>--kill-on-bad-exit</c>). The job's exit code is the
    /// first failing instance's, else 0 when every instance wrote 0.
    /// </summary>
    /// <param name="hosts">The instances' names, <c>algo-1</c> first.</param>
    /// <param name="logFile">The step's log.</param>
    /// <param name="controlDirectory">The job's control folder.</param>
    /// <returns>The script's text.</returns>
    public static string GroupScript(IReadOnlyList<string> hosts, string logFile, string controlDirectory)
    {
        var count = hosts.Count.ToString(CultureInfo.InvariantCulture);
        var script = Header($"runs the {count} instances of a job, one Slurm task each, and records the job's exit code", logFile, controlDirectory);
        script.Append("trap 'echo \"sluice: the job was asked to stop (SIGTERM)\" >&2' TERM\n");
        script.Append("srun --ntasks=").Append(count).Append(" --kill-on-bad-exit=1 --input=none /bin/bash -c 'exec /bin/bash \"$1/host-$SLURM_PROCID.sh\"' sluice \"$control\" &\n");
        script.Append("srun_pid=$!\n");
        AppendWait(script, "srun_pid", "tasks");
        script.Append("failed=$(head -c 64 \"$control/").Append(FailedHostFile).Append("\" 2>/dev/null | head -n 1)\n");
        script.Append("if [ -n \"$failed\" ] && [ -s \"$control/").Append(ExitCodeFile).Append(".$failed\" ]; then\n");
        script.Append("  code=$(cat \"$control/").Append(ExitCodeFile).Append(".$failed\")\n");
        script.Append("else\n  code=0\n");
        script.Append("  for host in ").AppendJoin(' ', hosts.Select(Quote)).Append("; do\n");
        script.Append("    [ \"$(cat \"$control/").Append(ExitCodeFile).Append(".$host\" 2>/dev/null)\" = 0 ] || { echo \"sluice: instance $host left no exit code (srun exit code $tasks)\" >&2; code=1; }\n");
        script.Append("  done\nfi\n");
        WriteExitCode(script, ExitCodeFile);
        script.Append("exit \"$code\"\n");
        return script.ToString();
    }

    private static StringBuilder Header(string what, string logFile, string controlDirectory)
    {
        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        script.Append("# Written by Sluice: ").Append(what).Append(".\n");
        script.Append("export PATH=").Append(Quote(ScriptPath)).Append('\n');
        script.Append("control=").Append(Quote(controlDirectory)).Append('\n');
        script.Append("log=").Append(Quote(logFile)).Append('\n');
        return script;
    }

    /// <summary>
    /// Runs the sandbox in the background with only the job's environment, its output appended to the log and its
    /// standard error also kept in <paramref name="errorFile"/>, under the disk watch; leaves its exit code in <c>$code</c>.
    /// </summary>
    private static void RunBlock(
        StringBuilder script, IReadOnlyList<string> sandbox, IReadOnlyDictionary<string, string?> environment, SlurmDiskWatch? disk, string errorFile)
    {
        script.Append("env -i");
        foreach (var (name, value) in environment.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (value is null)
            {
                continue;
            }

            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal))
            {
                throw new ArgumentException($"environment variable '{name}' has a name no environment can hold");
            }

            script.Append(" \\\n  ").Append(Quote($"{name}={value}"));
        }

        foreach (var word in sandbox)
        {
            script.Append(" \\\n  ").Append(Quote(word));
        }

        script.Append(" \\\n  </dev/null >>\"$log\" 2> >(tee -a \"$control/").Append(errorFile).Append("\" >>\"$log\") &\n");
        script.Append("job=$!\n");
        if (disk is { } watch)
        {
            // du counts what the job's folder holds (links not followed); over the limit, the sandbox is killed and the
            // reason left for the host. bwrap's --die-with-parent takes the job's processes with it.
            script.Append("( while sleep ").Append(DiskWatchSeconds.ToString(CultureInfo.InvariantCulture)).Append("; do\n");
            script.Append("    used=$(du -s -b ").Append(Quote(watch.Directory)).Append(" 2>/dev/null | cut -f1)\n");
            script.Append("    if [ \"${used:-0}\" -gt ").Append(watch.LimitBytes.ToString(CultureInfo.InvariantCulture)).Append(" ]; then\n");
            script.Append("      printf '%s\\n' ").Append(Quote(watch.Reason)).Append(" >\"$control/").Append(LimitFile).Append("\"; kill -KILL \"$job\"; exit 0\n");
            script.Append("    fi\n  done ) &\n");
            script.Append("watcher=$!\n");
        }

        AppendWait(script, "job", "code");
        if (disk is not null)
        {
            script.Append("kill \"$watcher\" 2>/dev/null\n");
        }

        // The tee of standard error, and the watcher, end too.
        script.Append("wait 2>/dev/null\n");
    }

    /// <summary>
    /// Waits for the background process whose id is in the variable <paramref name="pid"/>, again when a trapped SIGTERM
    /// interrupted the wait; its exit code into <paramref name="variable"/>.
    /// </summary>
    private static void AppendWait(StringBuilder script, string pid, string variable)
    {
        script.Append("wait \"$").Append(pid).Append("\"; ").Append(variable).Append("=$?\n");
        script.Append("while kill -0 \"$").Append(pid).Append("\" 2>/dev/null; do wait \"$").Append(pid).Append("\"; ").Append(variable).Append("=$?; done\n");
    }

    private static void WriteExitCode(StringBuilder script, string file) =>
        script.Append("printf '%d\\n' \"$code\" >\"$control/").Append(file).Append(".tmp\" && mv -f \"$control/")
            .Append(file).Append(".tmp\" \"$control/").Append(file).Append("\"\n");

    /// <summary>A word quoted for bash: in single quotes, each single quote written as <c>'\''</c>.</summary>
    /// <param name="word">The word.</param>
    /// <returns>The quoted word.</returns>
    /// <exception cref="ArgumentException">When the word holds a NUL character.</exception>
    public static string Quote(string word)
    {
        if (word.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("a word of the job's command line or environment holds a NUL character");
        }

        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
