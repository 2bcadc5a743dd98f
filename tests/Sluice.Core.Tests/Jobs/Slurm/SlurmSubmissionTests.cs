using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Slurm;

namespace Sluice.Core.Tests.Jobs.Slurm;

/// <summary>sbatch's options and the batch script, checked without a cluster (the script runs under bash here).</summary>
public sealed class SlurmSubmissionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-slurm-script-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SbatchArguments_KnownInstanceTypeAndSettings_AskForItsResourcesWhereConfigured()
    {
        var settings = SlurmSettings.Default with { Partition = "gpu", Account = "ml", Qos = "high", ExtraOptions = ["--constraint=avx2"] };
        var job = Job() with { InstanceType = "ml.g5.xlarge", MaxRuntime = TimeSpan.FromSeconds(3600) };

        var arguments = SlurmSubmission.SbatchArguments(job, settings, "/data/jobs/e/P/1.slurm", TimeSpan.FromSeconds(10));

        arguments.ShouldBe([
            "--parsable", "--job-name=sluice", "--no-requeue", "--export=NONE", "--nodes=1", "--ntasks=1",
            "--chdir=/data/jobs/e/P/1.slurm", "--output=/data/jobs/e/P/1.slurm/slurm.out", "--open-mode=append",
            "--cpus-per-task=4", "--mem=16384M", "--gpus=1", "--time=61", "--partition=gpu", "--account=ml", "--qos=high",
            "--constraint=avx2", "/data/jobs/e/P/1.slurm/job.sh",
        ]);
    }

    [Fact]
    public void SbatchArguments_UnknownInstanceType_AsksForOneCpuAndTheClustersDefaultMemory()
    {
        var arguments = SlurmSubmission.SbatchArguments(Job() with { InstanceType = "ml.unheard.of" }, SlurmSettings.Default, "/c.slurm", TimeSpan.FromSeconds(10));

        arguments.ShouldContain("--cpus-per-task=1");
        arguments.ShouldNotContain(a => a.StartsWith("--mem", StringComparison.Ordinal) || a.StartsWith("--time", StringComparison.Ordinal) || a.StartsWith("--gpus", StringComparison.Ordinal));
    }

    [Fact]
    public void SbatchArguments_ThreeInstances_AsksForATaskEachWithResourcesPerTask()
    {
        var job = Job() with { InstanceType = "ml.g5.xlarge" };
        job = job with { OtherHosts = [job with { HostName = "algo-2" }, job with { HostName = "algo-3" }] };

        var arguments = SlurmSubmission.SbatchArguments(job, SlurmSettings.Default, "/c.slurm", TimeSpan.FromSeconds(10));

        arguments.ShouldContain("--ntasks=3");
        arguments.ShouldContain("--cpus-per-task=4");
        arguments.ShouldContain("--mem-per-cpu=4096M", "--mem would be per node, shared by the tasks on it");
        arguments.ShouldContain("--gpus-per-task=1");
        arguments.ShouldNotContain("--nodes=1");
    }

    [Fact]
    public async Task Script_JobFolderOverItsDiskLimit_KillsTheJobAndLeavesTheReason()
    {
        var control = Path.Combine(_directory, "2.slurm");
        var folder = Path.Combine(_directory, "2");
        Directory.CreateDirectory(control);
        Directory.CreateDirectory(folder);
        string[] sandbox = ["sh", "-c", $"head -c 5000 /dev/zero > '{folder}/big'; exec sleep 60"];
        var script = Path.Combine(control, SlurmSubmission.ScriptFile);
        var watch = new SlurmDiskWatch(folder, 4096, "DiskLimitExceeded: test");
        await File.WriteAllTextAsync(script, SlurmSubmission.Script(sandbox, new Dictionary<string, string?>(), Path.Combine(_directory, "2.log"), control, watch), TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();

        using var bash = Process.Start("bash", [script]);
        await bash.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        bash.ExitCode.ShouldBe(137);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        (await File.ReadAllTextAsync(Path.Combine(control, SlurmSubmission.LimitFile), TestContext.Current.CancellationToken)).ShouldBe("DiskLimitExceeded: test\n");
        (await File.ReadAllTextAsync(Path.Combine(control, SlurmSubmission.ExitCodeFile), TestContext.Current.CancellationToken)).ShouldBe("137\n");
    }

    [Theory]
    [InlineData(1, 10, 1)]
    [InlineData(50, 10, 1)]
    [InlineData(51, 10, 2)]
    [InlineData(86_400, 0, 1440)]
    public void TimeLimitMinutes_MaxRuntime_RoundsUpWithTheGraceToWholeMinutes(int seconds, int grace, long minutes) =>
        SlurmSubmission.TimeLimitMinutes(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(grace)).ShouldBe(minutes);

    [Fact]
    public void Quote_AnyText_IsReadBackByBashAsWritten() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), Prop.ForAll(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && !s.Contains('\0')).ToArbitrary(), text =>
        {
            var path = Path.Combine(_directory, "quoted.sh");
            File.WriteAllText(path, "printf '%s' " + SlurmSubmission.Quote(text) + " >\"$1\"\n");
            var output = Path.Combine(_directory, "out");
            using var bash = Process.Start("bash", [path, output]);
            bash.WaitForExit();
            return bash.ExitCode == 0 && File.ReadAllText(output) == text;
        }));

    [Fact]
    public void Quote_Nul_IsRefused() => Should.Throw<ArgumentException>(() => SlurmSubmission.Quote("a\0b"));

    [Fact]
    public async Task Script_RunByBash_GivesOnlyTheJobsEnvironmentLogsOutputKeepsStderrAndWritesTheExitCode()
    {
        var control = Path.Combine(_directory, "1.slurm");
        Directory.CreateDirectory(control);
        var log = Path.Combine(_directory, "step.log");
        Environment.SetEnvironmentVariable("SLUICE_SECRET_FOR_TEST", "leaked");
        var environment = new Dictionary<string, string?> { ["PATH"] = "/usr/bin:/bin", ["GREETING"] = "it's \"quoted\" $HOME" };
        string[] sandbox = ["sh", "-c", "echo \"$GREETING\"; echo \"secret=${SLUICE_SECRET_FOR_TEST:-none}\"; echo oops >&2; exit 3"];
        var script = Path.Combine(control, SlurmSubmission.ScriptFile);
        await File.WriteAllTextAsync(script, SlurmSubmission.Script(sandbox, environment, log, control), TestContext.Current.CancellationToken);

        using var bash = Process.Start("bash", [script]);
        await bash.WaitForExitAsync(TestContext.Current.CancellationToken);

        bash.ExitCode.ShouldBe(3);
        (await File.ReadAllTextAsync(Path.Combine(control, SlurmSubmission.ExitCodeFile), TestContext.Current.CancellationToken)).ShouldBe("3\n");
        (await File.ReadAllTextAsync(Path.Combine(control, SlurmSubmission.ErrorFile), TestContext.Current.CancellationToken)).ShouldBe("oops\n");
        var logged = await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken);
        logged.ShouldBe(["it's \"quoted\" $HOME", "secret=none", "oops"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("12@/data/jobs/e/P/1.slurm", true)]
    [InlineData("12@relative/1.slurm", false)]
    [InlineData("12@/data/jobs/../../etc.slurm", false)]
    [InlineData("12@/etc/passwd", false)]
    [InlineData("x@/data/1.slurm", false)]
    [InlineData("@/data/1.slurm", false)]
    [InlineData("12", false)]
    [InlineData("12@/data/\n1.slurm", false)]
    public void TryParse_SavedHandle_AcceptsOnlyWhatTheHostWrites(string id, bool accepted) =>
        (SlurmJobHandle.TryParse(new JobHandle(SlurmJobHost.HostName, id)) is not null).ShouldBe(accepted);

    [Fact]
    public void TryParse_HandleOfAnotherHost_IsRefused() =>
        SlurmJobHandle.TryParse(new JobHandle("local", "12@/data/1.slurm")).ShouldBeNull();

    private JobSpec Job() => new() { Command = ["true"], JobDirectory = Path.Combine(_directory, "job"), LogFile = Path.Combine(_directory, "log") };
}
