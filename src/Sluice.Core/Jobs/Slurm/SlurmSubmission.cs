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
            "--nodes=1",
            "--ntasks=1",
            $"--chdir={controlDirectory}",
            $"--output={Path.Combine(controlDirectory, SlurmOutputFile)}",
            "--open-mode=append",
            $"--cpus-per-task={resources.Cpus.ToString(CultureInfo.InvariantCulture)}",
        };
        if (resources.MemoryMb is { } memory)
        {
            arguments.Add($"--mem={memory.ToString(CultureInfo.InvariantCulture)}M");
        }

        if (resources.Gpus > 0)
        {
            arguments.Add($"--gpus={resources.Gpus.ToString(CultureInfo.InvariantCulture)}");
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

    /// <summary>The batch script.</summary>
    /// <param name="sandbox">The sandbox's command line: bwrap, its arguments, the job's command last.</param>
    /// <param name="environment">The job's whole environment.</param>
    /// <param name="logFile">The step's log, appended to.</param>
    /// <param name="controlDirectory">The job's control folder.</param>
    /// <returns>The script's text.</returns>
    /// <exception cref="ArgumentException">When a word or variable holds a NUL character, which no command line can carry.</exception>
    public static string Script(IReadOnlyList<string> sandbox, IReadOnlyDictionary<string, string?> environment, string logFile, string controlDirectory)
    {
        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        script.Append("# Written by Sluice: runs one job in its bubblewrap sandbox and records its exit code.\n");
        script.Append("export PATH=").Append(Quote(ScriptPath)).Append('\n');
        script.Append("control=").Append(Quote(controlDirectory)).Append('\n');
        script.Append("log=").Append(Quote(logFile)).Append('\n');
        script.Append("trap 'echo \"sluice: the job was asked to stop (SIGTERM)\" >&2' TERM\n");
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

        script.Append(" \\\n  </dev/null >>\"$log\" 2> >(tee -a \"$control/").Append(ErrorFile).Append("\" >>\"$log\")\n");
        script.Append("code=$?\n");
        script.Append("wait $! 2>/dev/null\n");
        script.Append("printf '%d\\n' \"$code\" >\"$control/").Append(ExitCodeFile).Append(".tmp\" && mv -f \"$control/")
            .Append(ExitCodeFile).Append(".tmp\" \"$control/").Append(ExitCodeFile).Append("\"\n");
        script.Append("exit \"$code\"\n");
        return script.ToString();
    }

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
