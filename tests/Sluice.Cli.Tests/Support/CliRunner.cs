using System.Diagnostics;

namespace Sluice.Cli.Tests.Support;

/// <summary>What a run of the CLI printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the sluice CLI in-process (fast, for most tests) or as the real executable (for streams and exit codes).</summary>
internal static class CliRunner
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Example => Path.Combine(RepoRoot, "examples", "diabetes", "pipeline.json");

    public static async Task<CliResult> RunAsync(string[] args, string stdin = "")
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var io = new CliIo(new StringReader(stdin), output, error, ErrorIsTerminal: false);
        var exit = await SluiceCommand.RunAsync(args, io, TestContext.Current.CancellationToken);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public static async Task<CliResult> RunProcessAsync(string[] args, string? stdin = null)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "sluice"), args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliResult(process.ExitCode, await output, await error);
    }

    public static string WriteTemp(string content, string name = "pipeline.json")
    {
        var dir = Directory.CreateTempSubdirectory("sluice-cli-test-");
        var path = Path.Combine(dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sluice.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Sluice.slnx) was not found above the test output.");
    }
}
