using FsCheck;
using FsCheck.Fluent;
using Sluice.Core.Jobs.Slurm;

namespace Sluice.Core.Tests.Jobs.Slurm;

/// <summary>What Slurm's commands print, read: recorded outputs of Slurm 22.05, generated records and hostile text.</summary>
public sealed class SlurmOutputTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>scontrol show job of a job that exited with 3, as Slurm 22.05.8 printed it on this machine.</summary>
    private const string FailedJob = """
        JobId=2 JobName=wrap
           UserId=root(0) GroupId=root(0) MCS_label=N/A
           Priority=4294901758 Nice=0 Account=(null) QOS=(null)
           JobState=FAILED Reason=NonZeroExitCode Dependency=(null)
           Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=3:0
           RunTime=00:00:00 TimeLimit=UNLIMITED TimeMin=N/A
           Partition=main AllocNode:Sid=localhost:29464
           TRES=cpu=1,mem=100M,node=1,billing=1
           WorkDir=/tmp
           StdOut=/tmp/slurm-2.out
        """;

    [Theory]
    [InlineData("17\n", "17")]
    [InlineData("17;sluice\n", "17")]
    [InlineData("sbatch: warning: something\n42\n", "42")]
    [InlineData("", null)]
    [InlineData("Submitted batch job 42\n", null)]
    [InlineData("-1\n", null)]
    [InlineData("12345678901234567890\n", null)]
    public void JobIdOf_SbatchOutput_TakesTheIdBeforeTheCluster(string output, string? expected) =>
        SlurmOutput.JobIdOf(output).ShouldBe(expected);

    [Fact]
    public void JobIdOf_AnyIdAndCluster_ReadsTheId() =>
        Check.One(Runs, Prop.ForAll(Gen.Choose(1, int.MaxValue).ToArbitrary(), Gen.Elements("", ";c", ";cluster-2").ToArbitrary(), (id, cluster) =>
            SlurmOutput.JobIdOf($"{id}{cluster}\n") == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Queue_RecordedSqueueOutput_ReadsEachJobsStateAndReason()
    {
        var jobs = SlurmOutput.Queue("2|FAILED|NonZeroExitCode\n1|RUNNING|None\n3|PENDING|Resources\n4|CANCELLED by 0|None\n");

        jobs.Count.ShouldBe(4);
        jobs["2"].ShouldBe(new SlurmJobStatus("FAILED", "NonZeroExitCode"));
        jobs["1"].IsRunning.ShouldBeTrue();
        jobs["3"].IsFinal.ShouldBeFalse();
        jobs["4"].State.ShouldBe("CANCELLED");
        jobs["4"].IsFinal.ShouldBeTrue();
    }

    [Fact]
    public void Queue_GeneratedRecords_AreReadBackAsWritten()
    {
        var states = Gen.Elements("PENDING", "RUNNING", "COMPLETING", "COMPLETED", "FAILED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "PREEMPTED");
        var reasons = Gen.Elements("None", "Resources", "NonZeroExitCode", "TimeLimit", "Priority", "JobLaunchFailure");
        var record = from id in Gen.Choose(1, int.MaxValue) from state in states from reason in reasons select (Id: id.ToString(System.Globalization.CultureInfo.InvariantCulture), State: state, Reason: reason);
        Check.One(Runs, Prop.ForAll(Gen.ListOf(record).ToArbitrary(), records =>
        {
            var text = string.Join('\n', records.Select(r => $"{r.Id}|{r.State}|{r.Reason}"));
            var read = SlurmOutput.Queue(text);
            var last = records.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Last());
            return read.Count == last.Count && last.All(r => read[r.Key] == new SlurmJobStatus(r.Value.State, r.Value.Reason));
        }));
    }

    [Fact]
    public void Queue_HostileText_NeverThrowsAndKeepsOnlyJobIds() =>
        Check.One(Runs, Prop.ForAll(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).ToArbitrary(), text =>
            SlurmOutput.Queue(text + "\n|RUNNING|x\nabc|RUNNING|x\n9|x").Keys.All(SlurmOutput.IsJobId)));

    [Fact]
    public void ShowJob_RecordedScontrolOutput_ReadsStateAndReason()
    {
        SlurmOutput.ShowJob(FailedJob).ShouldBe(new SlurmJobStatus("FAILED", "NonZeroExitCode"));
        SlurmOutput.Fields(FailedJob)["ExitCode"].ShouldBe("3:0");
        SlurmOutput.Fields(FailedJob)["TRES"].ShouldBe("cpu=1,mem=100M,node=1,billing=1");
    }

    [Fact]
    public void ShowJob_GeneratedFields_AreReadBackAndHostileTextNeverThrows()
    {
        var word = Gen.Elements("a", "B", "x1", "Job_", "=", "==", "(null)", "3:0", "a=b").ListOf().Select(w => string.Concat(w));
        Check.One(Runs, Prop.ForAll(word.ToArbitrary(), word.ToArbitrary(), (state, reason) =>
        {
            var text = $"JobId=1 JobName=x\n   JobState={state} Reason={reason} Dependency=(null)\n";
            var status = SlurmOutput.ShowJob(text);
            return state.Length == 0 ? status is null : status is not null && status.Reason == reason;
        }));
        Check.One(Runs, Prop.ForAll(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).ToArbitrary(), text => SlurmOutput.ShowJob(text) is null or { State.Length: > 0 }));
    }

    [Theory]
    [InlineData("0\n", 0)]
    [InlineData(" 3 \n", 3)]
    [InlineData("255", 255)]
    [InlineData("256", null)]
    [InlineData("-1", null)]
    [InlineData("3\n4\n", null)]
    [InlineData("", null)]
    [InlineData("+1", null)]
    public void ExitCode_FileText_AcceptsOnlyAnExitCode(string text, int? expected) =>
        SlurmOutput.ExitCode(text).ShouldBe(expected);

    [Theory]
    [InlineData("CANCELLED by 0", "CANCELLED")]
    [InlineData("CANCELLED+", "CANCELLED")]
    [InlineData(" running ", "RUNNING")]
    public void Normalize_DecoratedState_GivesTheBareState(string text, string expected) =>
        SlurmJobStatus.Normalize(text).ShouldBe(expected);
}
