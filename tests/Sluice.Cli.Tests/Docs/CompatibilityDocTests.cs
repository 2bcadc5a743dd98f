using System.Diagnostics;
using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Docs;

/// <summary>docs/compatibility.md is generated from botocore's models and docs/compatibility.yaml; it must be current.</summary>
public sealed class CompatibilityDocTests
{
    [Fact]
    public async Task GenerateCompatibility_Check_DocIsCurrent()
    {
        var start = new ProcessStartInfo("python3", ["scripts/generate-compatibility.py", "--check"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = CliRunner.RepoRoot,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        process.ExitCode.ShouldBe(0, await output + await error);
    }
}
