using System.Net;
using System.Net.Sockets;
using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Local;
using Sluice.Definitions.Json;

namespace Sluice.Core.Tests.Jobs;

/// <summary>A job that reaches one of its limits fails with a reason that names the limit, and the host is unaffected.</summary>
public sealed class SandboxLimitTests : IDisposable
{
    private const long Megabyte = 1024 * 1024;
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-limits-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact(Timeout = 60_000)]
    public async Task Run_JobFillsItsFolderPastTheDiskLimit_IsKilledWithDiskLimitExceeded()
    {
        // Many files, each below the per-file limit: only the watch over the whole folder can stop it. The job then waits,
        // so a job that was not killed would hold the test until its timeout.
        var outcome = await RunAsync(
            "import time\nfor i in range(8):\n    open(f'/opt/ml/f{i}', 'wb').write(b'x' * (4 << 20))\ntime.sleep(120)",
            JobLimits.Default with { DiskBytes = 16 * Megabyte });

        outcome.Succeeded.ShouldBeFalse();
        outcome.LimitExceeded.ShouldNotBeNull().ShouldStartWith("DiskLimitExceeded: the job's /opt/ml held more than 16 MB");
        outcome.Describe(null).ShouldContain("jobs.limits.disk_mb");
    }

    [Fact]
    public async Task Run_OneFileGrowsPastTheDiskLimit_IsCutThereAndNamesTheLimit()
    {
        var outcome = await RunAsync(
            "f = open('/opt/ml/big', 'wb')\nfor _ in range(16):\n    f.write(b'x' * (1 << 20))\nf.close()",
            JobLimits.Default with { DiskBytes = 4 * Megabyte });

        outcome.Succeeded.ShouldBeFalse();
        outcome.Describe(null).ShouldContain("File too large");
        outcome.Describe(null).ShouldContain("a file reached the job's disk limit of 4 MB");
        new FileInfo(Path.Combine(_directory, "job", "big")).Length.ShouldBeLessThanOrEqualTo(4 * Megabyte);
    }

    [Fact]
    public async Task Run_JobAllocatesPastTheMemoryLimit_FailsNamingTheLimit()
    {
        var outcome = await RunAsync("data = bytearray(1 << 30)", JobLimits.Default with { MemoryBytes = 256 * Megabyte });

        outcome.Succeeded.ShouldBeFalse();
        outcome.Describe(null).ShouldContain("MemoryError");
        outcome.Describe(null).ShouldContain("the job's memory limit is 256 MB");
    }

    [Fact]
    public async Task Run_JobForksPastTheProcessLimit_FailsNamingTheLimit()
    {
        var outcome = await RunAsync(
            "import subprocess\nkids = [subprocess.Popen(['sleep', '3']) for _ in range(100)]",
            JobLimits.Default with { Processes = 32 });

        outcome.Succeeded.ShouldBeFalse();
        outcome.Describe(null).ShouldContain("at most 32 processes and threads (jobs.limits.processes");
    }

    [Fact]
    public async Task Run_HostNetworkAllowed_ReachesALoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var script = $"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=5).close()";

        var isolated = await RunAsync(script, JobLimits.Default);
        var hosted = await RunAsync(script, JobLimits.Default, JobNetwork.Host);

        isolated.Succeeded.ShouldBeFalse();
        isolated.Describe(null).ShouldContain("Connection refused");
        hosted.Succeeded.ShouldBeTrue(string.Join("\n", hosted.LastErrorLines));
    }

    private async Task<JobOutcome> RunAsync(string script, JobLimits limits, JobNetwork network = JobNetwork.None)
    {
        var job = new JobSpec
        {
            Command = ["/usr/bin/python3", "-c", script],
            JobDirectory = Path.Combine(_directory, "job"),
            LogFile = Path.Combine(_directory, "job.log"),
            Isolation = JobSettings.Default with { Limits = limits, Network = network },
        };
        return await new SandboxJobHost(TimeProvider.System, TimeSpan.FromSeconds(1)).RunAsync(job, CancellationToken.None, TestContext.Current.CancellationToken);
    }
}
