using Sluice.Core.Jobs.Slurm;

namespace Sluice.Core.Tests.Jobs.Slurm;

/// <summary>How a Slurm job's end becomes an outcome and, for states the job cannot explain, a SageMaker-style reason.</summary>
public sealed class SlurmOutcomesTests
{
    private static readonly string[] Errors = ["Traceback", "ValueError: bad"];

    [Fact]
    public void Of_ExitCodeWritten_IsTheJobsOwnOutcome()
    {
        var outcome = SlurmOutcomes.Of("7", new SlurmJobStatus("FAILED", "NonZeroExitCode"), 3, false, false, Errors);

        outcome.ExitCode.ShouldBe(3);
        outcome.HostFailure.ShouldBeNull();
        outcome.Describe(null).ShouldBe("AlgorithmError: Traceback\nValueError: bad (exit code 3)");
    }

    [Fact]
    public void Of_CompletedWithZero_Succeeds() =>
        SlurmOutcomes.Of("7", new SlurmJobStatus("COMPLETED", "None"), 0, false, false, []).Succeeded.ShouldBeTrue();

    [Theory]
    [InlineData("OUT_OF_MEMORY", "OutOfMemory: Slurm job 7 used more memory than its allocation")]
    [InlineData("NODE_FAIL", "InternalServerError: the Slurm node running job 7 failed (NODE_FAIL)")]
    [InlineData("PREEMPTED", "CapacityError: Slurm preempted job 7 for another job (PREEMPTED)")]
    [InlineData("BOOT_FAIL", "CapacityError: the Slurm node for job 7 failed to boot (BOOT_FAIL)")]
    [InlineData("DEADLINE", "CapacityError: Slurm job 7 reached its deadline")]
    [InlineData("CANCELLED", "InternalServerError: Slurm job 7 was cancelled outside Sluice")]
    public void Of_ClusterEndedTheJob_FailsWithAReasonNamingTheState(string state, string reason)
    {
        var outcome = SlurmOutcomes.Of("7", new SlurmJobStatus(state, "None"), null, false, false, []);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Describe(null).ShouldStartWith(reason);
    }

    [Fact]
    public void Of_SlurmTimeLimit_IsMaxRuntimeExceeded()
    {
        var outcome = SlurmOutcomes.Of("7", new SlurmJobStatus("TIMEOUT", "TimeLimit"), null, false, false, []);

        outcome.TimedOut.ShouldBeTrue();
        outcome.Describe(TimeSpan.FromSeconds(60)).ShouldStartWith("MaxRuntimeExceeded");
    }

    [Fact]
    public void Of_StoppedBySluice_IsStoppedWhateverSlurmSays() =>
        SlurmOutcomes.Of("7", new SlurmJobStatus("CANCELLED", "None"), null, stopRequested: true, false, []).Stopped.ShouldBeTrue();

    [Fact]
    public void Of_TimedOutBySluice_IsTimedOutEvenWithAnExitCode() =>
        SlurmOutcomes.Of("7", new SlurmJobStatus("FAILED", "NonZeroExitCode"), 143, stopRequested: false, timedOut: true, []).TimedOut.ShouldBeTrue();

    [Fact]
    public void Of_VanishedWithoutExitCode_SaysSo() =>
        SlurmOutcomes.Of("7", null, null, false, false, []).Describe(null)
            .ShouldBe("InternalServerError: Slurm job 7 vanished from the queue without leaving an exit code (purged, or lost by the cluster)");

    [Fact]
    public void Of_VanishedAfterWritingItsExitCode_IsTheJobsOutcome() =>
        SlurmOutcomes.Of("7", null, 0, false, false, []).Succeeded.ShouldBeTrue();

    [Fact]
    public void Of_FailedBeforeTheScriptWroteACode_PointsAtTheSharedFolderAndSandbox() =>
        SlurmOutcomes.Of("7", new SlurmJobStatus("FAILED", "JobLaunchFailure"), null, false, false, []).Describe(null)
            .ShouldContain("ended (FAILED, reason JobLaunchFailure) without its script writing an exit code");
}
