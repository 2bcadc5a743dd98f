using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Local;

namespace Sluice.Core.Tests.Jobs;

/// <summary>The bubblewrap command line: what a job sees and is, for root and for other users.</summary>
public sealed class SandboxArgumentsTests
{
    private static readonly SandboxTools Tools = new("/usr/bin/setpriv", "/usr/bin/prlimit", DisablesUserNamespaces: true);

    [Fact]
    public void For_Default_HidesTheHostAndHasNoNetwork()
    {
        var arguments = SandboxArguments.For(Job(JobSettings.Default), new SandboxIdentity(false, 0), Tools);
        var text = string.Join(' ', arguments);

        text.ShouldNotContain("--ro-bind / /");
        text.ShouldContain("--ro-bind /usr /usr");
        text.ShouldContain("--bind /data/jobs/x /opt/ml");
        text.ShouldContain("--unshare-net");
        text.ShouldContain("--unshare-pid --unshare-ipc --unshare-uts --unshare-cgroup-try --hostname algo-1");
        text.ShouldContain("--new-session --die-with-parent");
        text.ShouldContain("--perms 1777 --size");
        arguments.ShouldNotContain("/data");
    }

    [Fact]
    public void For_NotRoot_UsesAnUnprivilegedNamespaceWithoutCapabilities()
    {
        var text = string.Join(' ', SandboxArguments.For(Job(JobSettings.Default), new SandboxIdentity(false, 0), Tools));

        text.ShouldContain("--unshare-user --cap-drop ALL --disable-userns");
        text.ShouldNotContain("setpriv");
    }

    [Fact]
    public void For_Root_DropsToTheJobsOwnUserWithNoCapabilities()
    {
        var text = string.Join(' ', SandboxArguments.For(Job(JobSettings.Default), new SandboxIdentity(true, 1_900_007), Tools));

        text.ShouldContain("-- /usr/bin/setpriv --reuid=1900007 --regid=1900007 --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs --");
        text.ShouldNotContain("--unshare-user");
    }

    [Fact]
    public void For_Limits_AreSetByPrlimitBeforeTheCommand()
    {
        var limits = new JobLimits(Processes: 50, MemoryBytes: 1 << 30, DiskBytes: 1 << 20, OpenFiles: 99);

        var arguments = SandboxArguments.For(Job(JobSettings.Default with { Limits = limits }), new SandboxIdentity(false, 0), Tools);

        string.Join(' ', arguments).ShouldEndWith(
            "/usr/bin/prlimit --nproc=50 --as=1073741824 --fsize=1048576 --nofile=99 --core=0 -- python3 train.py");
    }

    [Fact]
    public void For_HostNetwork_KeepsTheNetwork()
    {
        var arguments = SandboxArguments.For(Job(JobSettings.Default with { Network = JobNetwork.Host }), new SandboxIdentity(false, 0), Tools);

        arguments.ShouldNotContain("--unshare-net");
    }

    [Fact]
    public void For_ReadOnlyPaths_ShowsThoseThatExistOutsideTheSystemFolders()
    {
        var extra = Directory.CreateTempSubdirectory("sluice-venv-").FullName;
        try
        {
            var arguments = SandboxArguments.For(
                Job(JobSettings.Default with { ReadOnlyPaths = [extra, "/usr/lib", "/does/not/exist"] }),
                new SandboxIdentity(false, 0),
                Tools);
            var text = string.Join(' ', arguments);

            text.ShouldContain($"--ro-bind {extra} {extra}");
            text.ShouldNotContain("--ro-bind /usr/lib");
            text.ShouldNotContain("/does/not/exist");
        }
        finally
        {
            Directory.Delete(extra);
        }
    }

    private static JobSpec Job(JobSettings settings) => new()
    {
        Command = ["python3", "train.py"],
        JobDirectory = "/data/jobs/x",
        LogFile = "/data/logs/x.log",
        Isolation = settings,
    };
}
