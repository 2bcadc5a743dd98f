using System.Diagnostics;

namespace Sluice.Core.Tests.Jobs.Slurm;

/// <summary>
/// A real single-node Slurm for the tests that need one: munged, slurmctld and slurmd started by scripts/slurm-local
/// with a private config folder, munge key and socket, loopback ports and StateSaveLocation in a temporary folder,
/// stopped by their process ids. When Slurm is not installed the tests fail with a message; they never pass silently.
/// </summary>
public sealed class SlurmCluster : IAsyncLifetime
{
    private static readonly string[] Daemons = ["/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd"];

    /// <summary>The cluster's folder (config, state, logs).</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("sluice-slurm-").FullName;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (Daemons.FirstOrDefault(d => !File.Exists(d)) is { } missing)
        {
            throw new InvalidOperationException(
                $"Slurm is not installed ({missing} is missing), and these tests need a real one: scripts/test installs it with " +
                "'apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge'. They fail rather than skip.");
        }

        var (code, output) = await RunAsync("start");
        if (code != 0)
        {
            throw new InvalidOperationException($"scripts/slurm-local start failed (exit code {code}): {output}");
        }

        Environment.SetEnvironmentVariable("SLURM_CONF", Path.Combine(Directory, "slurm.conf"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await RunAsync("stop");
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Runs a Slurm client command against this cluster.</summary>
    /// <param name="program">The command, e.g. scontrol.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns>Its standard output.</returns>
    public static async Task<string> ClientAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private async Task<(int Code, string Output)> RunAsync(string action)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "slurm-local");
        var start = new ProcessStartInfo(script, [action, Directory]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output) + (await error));
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sluice.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Sluice.slnx above {AppContext.BaseDirectory}: cannot find scripts/slurm-local");
    }
}

/// <summary>The tests that share one <see cref="SlurmCluster"/>; they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SlurmTests : ICollectionFixture<SlurmCluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "slurm";
}
