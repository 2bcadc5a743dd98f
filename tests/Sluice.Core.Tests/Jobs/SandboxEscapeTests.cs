using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Local;

namespace Sluice.Core.Tests.Jobs;

/// <summary>
/// A job is untrusted code: a probe job tries every escape from the sandbox that is known (see
/// <c>Probe/escape_probe.py</c>), and each must fail. The test process runs as root in CI, so this is the harder case:
/// the sandbox is made with root's rights and the job must still end up with none of them.
/// </summary>
public sealed class SandboxEscapeTests(ProbeRun probe) : IClassFixture<ProbeRun>
{
    public static TheoryData<string> Checks => ProbeRun.Checks;

    [Fact]
    public void Run_Probe_EndsWellAndReportsEveryCheck()
    {
        foreach (var (check, outcome) in probe.Results.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{check}: {outcome}");
        }

        probe.Outcome.ShouldNotBeNull().ExitCode.ShouldBe(0, string.Join("\n", probe.Outcome.LastErrorLines));
        probe.Results.Keys.Order().ShouldBe(ProbeRun.Checks.Select(c => c.Data).Order());
    }

    [Theory]
    [MemberData(nameof(Checks))]
    public void Run_EscapeAttempt_IsHeld(string check)
    {
        probe.Results.Keys.ShouldContain(check);
        probe.Results[check].ShouldStartWith("held", customMessage: $"{check}: {probe.Results[check]}");
    }

    [Fact]
    public void Run_Probe_LeavesNothingOutsideItsFolder()
    {
        File.Exists("/usr/sluice-escape").ShouldBeFalse();
        File.Exists("/etc/sluice-escape").ShouldBeFalse();
        File.Exists("/sluice-escape").ShouldBeFalse();
        File.Exists(Path.Combine(probe.JobDirectory, "written-by-job")).ShouldBeTrue();
        File.Exists(Path.Combine(probe.JobDirectory, "passwd-link")).ShouldBeFalse();
    }
}
