using System.Diagnostics;
using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Examples;

/// <summary>
/// The README's main command, end to end: scripts/example runs examples/diabetes (scikit-learn processing, script-mode
/// training, evaluation with a property file, a condition, registration and batch transform) with real jobs.
/// </summary>
public sealed class DiabetesExampleTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("sluice-example-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Example_InstallStep_InstallsNoRecommendedPackages()
    {
        var script = await File.ReadAllLinesAsync(Path.Combine(CliRunner.RepoRoot, "scripts", "example"), TestContext.Current.CancellationToken);

        var installs = script.Where(l => l.Contains("apt-get install", StringComparison.Ordinal)).ToList();

        installs.ShouldNotBeEmpty();
        installs.ShouldAllBe(l => l.Contains("--no-install-recommends", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Example_RunTwiceThenOtherBranch_SucceedsHitsTheCacheAndFailsWithTheMessage()
    {
        var first = await RunExampleAsync();
        first.ExitCode.ShouldBe(0, first.Out + first.Error);
        first.Out.ShouldContain("Succeeded in");
        first.Out.ShouldContain("7 succeeded, 1 not run");

        var second = await RunExampleAsync();
        second.ExitCode.ShouldBe(0, second.Out + second.Error);
        second.Out.ShouldContain("7 succeeded (2 from cache), 1 not run");

        var otherBranch = await RunExampleAsync("--param", "MseThreshold=1000");
        otherBranch.ExitCode.ShouldBe(1, otherBranch.Out + otherBranch.Error);
        otherBranch.Out.ShouldMatch(@"Reason: Test MSE \d+(\.\d+)? is above the threshold 1000\.0");

        var transformed = await CliRunner.RunAsync(["s3", "ls", "s3://sluice-example/diabetes/transform", "--data", _data]);
        transformed.Out.ShouldContain("s3://sluice-example/diabetes/transform/test.csv.out");
        var models = await CliRunner.RunAsync(["models", "--data", _data]);
        models.Out.ShouldContain("model-package/diabetes-regressor/2");
    }

    private async Task<CliResult> RunExampleAsync(params string[] extra)
    {
        var start = new ProcessStartInfo(Path.Combine(CliRunner.RepoRoot, "scripts", "example"), ["--data", _data, .. extra])
        {
            WorkingDirectory = CliRunner.RepoRoot,
            // The CLI of this build, not the repository launcher, whose self-contained composite build would cost the
            // test run minutes of CPU on a clean clone.
            Environment = { ["SLUICE"] = Path.Combine(AppContext.BaseDirectory, "sluice") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
