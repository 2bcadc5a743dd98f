using System.Diagnostics;

[assembly: AssemblyFixture(typeof(Sluice.Concourse.Tests.Support.ResourceAssets))]

namespace Sluice.Concourse.Tests.Support;

/// <summary>
/// The resource as Concourse gets it: <c>concourse/build</c> publishes the self-contained binary and the check, in and
/// out scripts into a temporary directory, once per test run (about 15 seconds when .build/concourse is warm, a minute
/// from cold).
/// </summary>
public sealed class ResourceAssets : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);

    /// <summary>The directory holding check, in, out and sluice-concourse.</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("sluice-concourse-assets-").FullName;

    public static string RepoRoot { get; } = FindRepoRoot();

    public async ValueTask InitializeAsync()
    {
        var log = Path.Combine(Directory, "build.log");
        // The build's output goes to a file, never to a pipe of ours that a lingering build server could hold open.
        var start = new ProcessStartInfo("/bin/bash", ["-c", "exec \"$0\" \"$1\" >\"$2\" 2>&1", Path.Combine(RepoRoot, "concourse", "build"), Directory, log])
        {
            WorkingDirectory = RepoRoot,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(BuildTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"concourse/build took over {BuildTimeout}; its log:\n{await File.ReadAllTextAsync(log)}");
        }

        if (process.ExitCode != 0 || !File.Exists(Path.Combine(Directory, "sluice-concourse")))
        {
            throw new InvalidOperationException($"concourse/build failed with exit code {process.ExitCode}; its log:\n{await File.ReadAllTextAsync(log)}");
        }
    }

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "concourse", "build")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with concourse/build) was not found above the test output.");
    }
}
