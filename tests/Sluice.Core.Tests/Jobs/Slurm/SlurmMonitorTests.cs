using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Slurm;

namespace Sluice.Core.Tests.Jobs.Slurm;

/// <summary>The monitor's reading of a recorded squeue answer (a script that prints it), without a cluster.</summary>
public sealed class SlurmMonitorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-slurm-monitor-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("0", true)]
    [InlineData("3", false)]
    public async Task WaitAsync_ExitCodeWrittenWhileSlurmSaysCompleting_EndsAtOnceOnlyWhenItIsZero(string code, bool endsAtOnce)
    {
        var squeue = Path.Combine(_directory, "squeue");
        await File.WriteAllTextAsync(squeue, "#!/bin/sh\necho '4242|COMPLETING|None'\n", TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(squeue, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var control = Path.Combine(_directory, "1.slurm");
        Directory.CreateDirectory(control);
        await File.WriteAllTextAsync(Path.Combine(control, SlurmSubmission.ExitCodeFile), code + "\n", TestContext.Current.CancellationToken);
        var settings = SlurmSettings.Default with
        {
            PollInterval = TimeSpan.FromMilliseconds(50),
            MaxPollInterval = TimeSpan.FromMilliseconds(100),
            Commands = SlurmCommands.Default with { Squeue = squeue },
        };
        var host = new SlurmJobHost(settings, TimeProvider.System, TimeSpan.FromSeconds(1));
        using var shutdown = new CancellationTokenSource();

        var waiting = host.WaitAsync(new JobHandle(SlurmJobHost.HostName, $"4242@{control}"), CancellationToken.None, shutdown.Token);
        var ended = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(endsAtOnce ? 20 : 2), TestContext.Current.CancellationToken)) == waiting;

        ended.ShouldBe(endsAtOnce, "a job that wrote 0 has succeeded whatever Slurm's cleanup; another code waits for Slurm's final word");
        if (ended)
        {
            (await waiting).Succeeded.ShouldBeTrue();
        }
        else
        {
            await shutdown.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(() => waiting);
        }
    }
}
