using System.Diagnostics;
using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Slurm;
using Sluice.Core.Tests.Support;

namespace Sluice.Core.Tests.Jobs.Slurm;

/// <summary>The Slurm job host against a real single-node Slurm: exit codes and logs, stop, MaxRuntime, re-attach, batched polling.</summary>
[Collection(SlurmTests.Name)]
public sealed class SlurmJobHostTests(SlurmCluster cluster) : IDisposable
{
    private static readonly SlurmSettings Settings = SlurmSettings.Default with
    {
        PollInterval = TimeSpan.FromMilliseconds(200),
        MaxPollInterval = TimeSpan.FromSeconds(1),
        InstanceTypes = new Dictionary<string, SlurmResources> { ["ml.m5.xlarge"] = new(1, 256, 0) },
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-slurm-jobs-").FullName;
    private int _jobs;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WaitAsync_FailingJob_GivesItsExitCodeAndStderrAndItsOutputReachesTheLog()
    {
        var host = new SlurmJobHost(Settings, TimeProvider.System, TimeSpan.FromSeconds(2));
        var job = Job("echo out; echo \"$GREETING\"; echo written > /opt/ml/f.txt; echo boom >&2; exit 3") with
        {
            Environment = new Dictionary<string, string> { ["GREETING"] = "hello" },
        };

        var handle = await host.SubmitAsync(job, Cancel);
        var outcome = await host.WaitAsync(handle, CancellationToken.None, Cancel);

        handle.Host.ShouldBe(SlurmJobHost.HostName);
        outcome.ExitCode.ShouldBe(3);
        outcome.LastErrorLines.ShouldBe(["boom"]);
        (await File.ReadAllLinesAsync(job.LogFile, Cancel)).ShouldBe(["out", "hello", "boom"], ignoreOrder: true);
        (await File.ReadAllTextAsync(Path.Combine(job.JobDirectory, "f.txt"), Cancel)).ShouldBe("written\n", "the job's folder is its /opt/ml, as locally");
        var control = SlurmSubmission.ControlDirectoryOf(job.JobDirectory);
        (OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(control)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, "the script holds the job's environment");
        (await File.ReadAllTextAsync(Path.Combine(control, SlurmSubmission.ScriptFile), Cancel)).ShouldContain("'GREETING=hello'");
        File.Exists(Path.Combine(cluster.Directory, "slurm.conf")).ShouldBeTrue();
    }

    [Fact]
    public async Task StopAsync_RunningJob_ScancelsItAndTheOutcomeSaysStopped()
    {
        var host = new SlurmJobHost(Settings, TimeProvider.System, TimeSpan.FromSeconds(2));
        var job = Job("echo started; exec sleep 120");
        var handle = await host.SubmitAsync(job, Cancel);
        var clock = Stopwatch.StartNew();
        await UntilAsync(() => File.Exists(job.LogFile) && File.ReadAllText(job.LogFile).Contains("started", StringComparison.Ordinal));

        await host.StopAsync(handle, Cancel);
        var outcome = await host.WaitAsync(handle, CancellationToken.None, Cancel);

        outcome.Stopped.ShouldBeTrue();
        outcome.Succeeded.ShouldBeFalse();
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task WaitAsync_JobPastMaxRuntime_IsStoppedAsTimedOutUnderASlurmTimeLimit()
    {
        var host = new SlurmJobHost(Settings, TimeProvider.System, TimeSpan.FromSeconds(1));
        var job = Job("exec sleep 120") with { MaxRuntime = TimeSpan.FromSeconds(2) };

        var handle = await host.SubmitAsync(job, Cancel);
        var shown = await SlurmCluster.ClientAsync("scontrol", "show", "job", SlurmJobHandle.TryParse(handle)!.JobId);
        var outcome = await host.WaitAsync(handle, CancellationToken.None, Cancel);

        SlurmOutput.Fields(shown)["TimeLimit"].ShouldBe("00:01:00", "MaxRuntime plus the grace, in Slurm's whole minutes");
        outcome.TimedOut.ShouldBeTrue();
        outcome.Describe(job.MaxRuntime).ShouldStartWith("MaxRuntimeExceeded");
    }

    [Fact]
    public async Task ReattachAsync_AfterARestart_WaitsOnJobsStillRunningOrEndedMeanwhileWithOneQueryPerTick()
    {
        var before = new SlurmJobHost(Settings, TimeProvider.System, TimeSpan.FromSeconds(2));
        var running = Job("sleep 3; echo done");
        var quick = Job("exit 4");
        var handles = new[] { await before.SubmitAsync(running, Cancel), await before.SubmitAsync(quick, Cancel) };
        var saved = handles.Select(h => h.ToJson()).ToList();
        using (var shutdown = new CancellationTokenSource())
        {
            var abandoned = before.WaitAsync(handles[0], CancellationToken.None, shutdown.Token);
            await shutdown.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(() => abandoned);
        }

        var queriesWhenAbandoned = before.QueueQueries;
        await Task.Delay(Settings.MaxPollInterval * 2, Cancel);
        before.QueueQueries.ShouldBe(queriesWhenAbandoned, "a host shutting down stops asking about the jobs it left running");

        await UntilAsync(() => File.Exists(Path.Combine(SlurmSubmission.ControlDirectoryOf(quick.JobDirectory), SlurmSubmission.ExitCodeFile)));
        var after = new SlurmJobHost(Settings, TimeProvider.System, TimeSpan.FromSeconds(2));
        var restored = saved.Select(s => JobHandle.TryParse(s)!).ToList();
        foreach (var handle in restored)
        {
            (await after.ReattachAsync(handle, Cancel)).ShouldBe(JobReattachment.Attached);
        }

        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(restored.Select(h => after.WaitAsync(h, CancellationToken.None, Cancel)));

        outcomes.Select(o => o.ExitCode).ShouldBe([0, 4]);
        (await File.ReadAllTextAsync(running.LogFile, Cancel)).ShouldContain("done");
        after.QueueQueries.ShouldBeGreaterThan(0);
        after.QueueQueries.ShouldBeLessThanOrEqualTo((long)(clock.Elapsed / Settings.PollInterval) + 1, "one squeue per tick for both jobs");
    }

    [Fact]
    public async Task ReattachAsync_JobSlurmDoesNotKnowAndNoExitCode_IsLost()
    {
        var host = new SlurmJobHost(Settings, TimeProvider.System, TimeSpan.FromSeconds(2));
        var handle = new JobHandle(SlurmJobHost.HostName, $"987654321@{_directory}/gone.slurm");

        var reattachment = await host.ReattachAsync(handle, Cancel);

        reattachment.LostReason.ShouldBe($"Slurm job 987654321 is no longer known to Slurm and left no exit code in {_directory}/gone.slurm");
    }

    [Fact]
    public async Task WaitAsync_JobCancelledOutsideSluice_FailsWithAReasonNamingSlurm()
    {
        var host = new SlurmJobHost(Settings, TimeProvider.System, TimeSpan.FromSeconds(2));
        var job = Job("echo started; exec sleep 120");
        var handle = await host.SubmitAsync(job, Cancel);
        await UntilAsync(() => File.Exists(job.LogFile) && File.ReadAllText(job.LogFile).Contains("started", StringComparison.Ordinal));

        await SlurmCluster.ClientAsync("scancel", SlurmJobHandle.TryParse(handle)!.JobId);
        var outcome = await host.WaitAsync(handle, CancellationToken.None, Cancel);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Stopped.ShouldBeFalse();
        outcome.Describe(null).ShouldBe($"InternalServerError: Slurm job {SlurmJobHandle.TryParse(handle)!.JobId} was cancelled outside Sluice (scancel, or an administrator)");
    }

    [Fact]
    public async Task SubmitAsync_InstanceTypeWithMoreMemoryThanAnyNode_FailsWithWhatSbatchSaid()
    {
        var settings = Settings with { InstanceTypes = new Dictionary<string, SlurmResources> { ["ml.m5.xlarge"] = new(1, 1L << 30, 0) } };
        var host = new SlurmJobHost(settings, TimeProvider.System, TimeSpan.FromSeconds(2));

        var error = await Should.ThrowAsync<SlurmException>(() => host.SubmitAsync(Job("true"), Cancel));

        error.Message.ShouldStartWith("sbatch refused the job (exit code 1): sbatch: error:");
    }

    [Fact]
    public async Task WaitAsync_InstanceTypeWithMoreCpusThanAnyNode_IsCancelledAndFailsWithACapacityError()
    {
        var settings = Settings with { InstanceTypes = new Dictionary<string, SlurmResources> { ["ml.m5.xlarge"] = new(4096, 256, 0) } };
        var host = new SlurmJobHost(settings, TimeProvider.System, TimeSpan.FromSeconds(2));
        var handle = await host.SubmitAsync(Job("true"), Cancel);

        var outcome = await host.WaitAsync(handle, CancellationToken.None, Cancel);

        outcome.Describe(null).ShouldStartWith($"CapacityError: Slurm cannot run job {SlurmJobHandle.TryParse(handle)!.JobId} as asked (pending, reason PartitionConfig)");
        string? state = null;
        for (var i = 0; i < 100 && state != "CANCELLED"; i++)
        {
            await Task.Delay(50, Cancel);
            state = SlurmOutput.ShowJob(await SlurmCluster.ClientAsync("scontrol", "show", "job", SlurmJobHandle.TryParse(handle)!.JobId))?.State;
        }

        state.ShouldBe("CANCELLED", "a job that can never run is not left in the queue");
    }

    [Fact]
    public async Task WaitAsync_NothingChanges_BacksOffButAJobThatEndsIsSeenWithinThePollInterval()
    {
        var time = new FakeTimeProvider();
        var settings = Settings with { PollInterval = TimeSpan.FromSeconds(1), MaxPollInterval = TimeSpan.FromSeconds(8) };
        var host = new SlurmJobHost(settings, time, TimeSpan.FromSeconds(1));
        var job = Job("echo started; while [ ! -e /opt/ml/go ]; do sleep 0.1; done");
        var handle = await host.SubmitAsync(job, Cancel);
        await UntilAsync(() => File.Exists(job.LogFile) && File.ReadAllText(job.LogFile).Contains("started", StringComparison.Ordinal));
        var waiting = host.WaitAsync(handle, CancellationToken.None, Cancel);

        for (var second = 0; second < 40; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(40, Cancel);
        }

        // Every second without backoff would be 40 calls; 1, 2, 4, 8, 8, ... seconds apart is at most 8.
        host.QueueQueries.ShouldBeInRange(3, 8);
        await File.WriteAllTextAsync(Path.Combine(job.JobDirectory, "go"), string.Empty, Cancel);
        await UntilAsync(() => File.Exists(Path.Combine(SlurmSubmission.ControlDirectoryOf(job.JobDirectory), SlurmSubmission.ExitCodeFile)));
        await Task.Delay(500, Cancel); // Slurm marks the job COMPLETED a moment after its script has ended
        var seconds = 0;
        for (; seconds < 30 && !waiting.IsCompleted; seconds++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100, Cancel);
        }

        (await waiting).Succeeded.ShouldBeTrue();
        seconds.ShouldBeLessThanOrEqualTo(3, "the exit code file is looked for every poll interval, whatever the backoff");
    }

    [Fact]
    public async Task WaitAsync_TwoInstancesOneFails_RunsOneTaskEachAndFailsWithTheFailingInstancesReason()
    {
        var host = new SlurmJobHost(Settings, TimeProvider.System, TimeSpan.FromSeconds(2));
        var first = Job("echo \"first on $(hostname)\"; echo mine > /opt/ml/who; exec sleep 120");
        var job = first with
        {
            OtherHosts = [first with
            {
                JobDirectory = first.JobDirectory + ".algo-2",
                HostName = "algo-2",
                Command = ["/bin/sh", "-c", "echo \"second on $(hostname)\"; sleep 1; echo 'shard is bad' >&2; exit 5"],
            }],
        };
        var clock = Stopwatch.StartNew();

        var handle = await host.SubmitAsync(job, Cancel);
        var shown = SlurmOutput.Fields(await SlurmCluster.ClientAsync("scontrol", "show", "job", SlurmJobHandle.TryParse(handle)!.JobId));
        var outcome = await host.WaitAsync(handle, CancellationToken.None, Cancel).WaitAsync(TimeSpan.FromSeconds(60), Cancel);

        shown["NumTasks"].ShouldBe("2", "one Slurm task per instance, in one job");
        outcome.ExitCode.ShouldBe(5);
        outcome.FailedHost.ShouldBe("algo-2");
        outcome.LastErrorLines.ShouldBe(["shard is bad"]);
        outcome.Describe(null).ShouldBe("AlgorithmError: shard is bad (exit code 5, host algo-2)");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(40), "the instance still running is ended when another fails");
        var log = await File.ReadAllTextAsync(job.LogFile, Cancel);
        log.ShouldContain("first on algo-1");
        log.ShouldContain("second on algo-2");
        File.Exists(Path.Combine(first.JobDirectory, "who")).ShouldBeTrue();
        File.Exists(Path.Combine(first.JobDirectory + ".algo-2", "who")).ShouldBeFalse("each instance has its own /opt/ml");
    }

    [Fact]
    public async Task WaitAsync_JobFolderGrowsPastItsDiskLimit_IsKilledInsideTheAllocationWithTheLimitsReason()
    {
        var host = new SlurmJobHost(Settings, TimeProvider.System, TimeSpan.FromSeconds(2));
        var job = Job("head -c 700000 /dev/zero > /opt/ml/a; head -c 700000 /dev/zero > /opt/ml/b; echo written; exec sleep 120") with
        {
            Isolation = JobSettings.Default with { Limits = JobLimits.Default with { DiskBytes = 1_000_000 } },
        };

        var handle = await host.SubmitAsync(job, Cancel);
        var outcome = await host.WaitAsync(handle, CancellationToken.None, Cancel).WaitAsync(TimeSpan.FromSeconds(60), Cancel);

        outcome.Succeeded.ShouldBeFalse();
        outcome.LimitExceeded.ShouldBe(LimitReasons.DiskExceeded(job.Isolation.Limits), "each file is below the per-file limit; only the watch of the folder sees the total");
        outcome.Describe(null).ShouldStartWith("DiskLimitExceeded: the job's /opt/ml held more than 0 MB");
    }

    private JobSpec Job(string script)
    {
        var n = Interlocked.Increment(ref _jobs);
        return new JobSpec
        {
            Command = ["/bin/sh", "-c", script],
            JobDirectory = Path.Combine(_directory, "jobs", $"{n}"),
            LogFile = Path.Combine(_directory, "logs", $"{n}.log"),
            InstanceType = "ml.m5.xlarge",
        };
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50, Cancel);
        }

        condition().ShouldBeTrue();
    }
}
