using System.ComponentModel;
using System.Diagnostics;

namespace Sluice.Core.Jobs.Slurm;

/// <summary>Runs one Slurm command and collects what it printed. Nothing of Sluice's own environment is given to it but SLURM_CONF and the basics.</summary>
internal static class SlurmCli
{
    /// <summary>How long a Slurm command may take before it is killed and counted as failed.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The variables a Slurm command is given from Sluice's environment: where the cluster's configuration is, and the basics.</summary>
    private static readonly string[] Passed = ["PATH", "HOME", "USER", "LOGNAME", "LANG", "TZ", "SLURM_CONF", "SLURM_CLUSTERS"];

    /// <summary>What a command printed and how it ended.</summary>
    /// <param name="ExitCode">Its exit code.</param>
    /// <param name="Output">Its standard output.</param>
    /// <param name="Error">Its standard error.</param>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>Whether it says that a job id is unknown (purged, or never existed).</summary>
        public bool SaysInvalidJobId => Error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Runs a command.</summary>
    /// <param name="program">The program (a name on PATH or a path).</param>
    /// <param name="arguments">Its arguments, passed as they are (no shell).</param>
    /// <param name="cancellationToken">Cancels the run (the command is killed).</param>
    /// <returns>What it printed.</returns>
    /// <exception cref="SlurmException">When the program does not exist or does not end in time.</exception>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var name in Passed)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SlurmException($"{program} did not start");
        }
        catch (Win32Exception e)
        {
            throw new SlurmException(
                $"jobs.host is slurm, and {program} cannot be run ({e.Message}): install Slurm's client commands (apt-get install slurm-client) or set jobs.slurm.commands in sluice.yaml", e);
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CommandTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new SlurmException($"{program} did not answer within {CommandTimeout.TotalSeconds:0} s");
            }

            return new Result(process.ExitCode, await output, await error);
        }
    }
}
