using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Local;

namespace Sluice.Core.Tests.Jobs.Local;

/// <summary>The local job host's handles: waited on, stopped and re-attached to within the process that started the job, lost after it.</summary>
public sealed class SandboxJobHostTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-host-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReattachAsync_HandleOfAnEarlierProcess_ReportsTheJobLostAsTheEngineAlwaysWordedIt()
    {
        var host = new SandboxJobHost(TimeProvider.System, TimeSpan.FromSeconds(1));

        var reattachment = await host.ReattachAsync(new JobHandle(SandboxJobHost.HostName, "from-before-a-crash"), Cancel);

        reattachment.IsLost.ShouldBeTrue();
        reattachment.LostReason.ShouldBe("the Sluice process running this step stopped before the step finished");
    }

    [Fact]
    public async Task ReattachAsync_HandleOfAnotherHost_ReportsTheJobLost() =>
        (await new SandboxJobHost(TimeProvider.System, TimeSpan.FromSeconds(1)).ReattachAsync(new JobHandle("slurm", "42"), Cancel)).IsLost.ShouldBeTrue();

    [Fact]
    public async Task SubmitAsync_RunningJob_CanBeReattachedStoppedAndWaitedOn()
    {
        var host = new SandboxJobHost(TimeProvider.System, TimeSpan.FromSeconds(1));
        var handle = await host.SubmitAsync(Job("import time\ntime.sleep(60)"), Cancel);

        JobHandle.TryParse(handle.ToJson()).ShouldBe(handle);
        (await host.ReattachAsync(handle, Cancel)).ShouldBe(JobReattachment.Attached);
        await host.StopAsync(handle, Cancel);
        var outcome = await host.WaitAsync(handle, CancellationToken.None, Cancel);

        outcome.Stopped.ShouldBeTrue();
        outcome.Succeeded.ShouldBeFalse();
        (await host.ReattachAsync(handle, Cancel)).IsLost.ShouldBeTrue("a job that was waited to its end is forgotten");
    }

    [Fact]
    public async Task WaitAsync_ShutdownWhileWaiting_KillsTheJobAndThrows()
    {
        var host = new SandboxJobHost(TimeProvider.System, TimeSpan.FromSeconds(10));
        var handle = await host.SubmitAsync(Job("import time\ntime.sleep(60)"), Cancel);
        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(() => host.WaitAsync(handle, CancellationToken.None, shutdown.Token));

        (await host.ReattachAsync(handle, Cancel)).IsLost.ShouldBeTrue("the local host's jobs end with the wait that Sluice's shutdown abandoned");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private JobSpec Job(string script) => new()
    {
        Command = ["/usr/bin/python3", "-c", script],
        JobDirectory = Path.Combine(_directory, "job"),
        LogFile = Path.Combine(_directory, "job.log"),
    };
}
