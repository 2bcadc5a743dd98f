using Sluice.Core.Configuration;
using Sluice.Core.Jobs;

namespace Sluice.Core.Tests.Configuration;

/// <summary>The <c>jobs:</c> section of sluice.yaml: network, limits, extra readable folders and passed variables.</summary>
public sealed class JobSettingsLoaderTests
{
    private const long Megabyte = 1024 * 1024;

    [Fact]
    public void Parse_JobsSection_ReadsEverySetting()
    {
        var jobs = ConfigurationLoader.Parse("""
            jobs:
              network: host
              first_uid: 3000000
              read_only_paths: [/srv/venv, /srv/models/]
              pass_environment: [HF_HOME, "CUDA_*"]
              limits:
                processes: 64
                memory_mb: 2048
                disk_mb: 500
                open_files: 256
            """, "sluice.yaml").Jobs;

        jobs.Network.ShouldBe(JobNetwork.Host);
        jobs.FirstUid.ShouldBe(3_000_000u);
        jobs.ReadOnlyPaths.ShouldBe(["/srv/venv", "/srv/models"]);
        jobs.PassEnvironment.ShouldBe(["HF_HOME", "CUDA_*"]);
        jobs.Limits.ShouldBe(new JobLimits(64, 2048 * Megabyte, 500 * Megabyte, 256));
    }

    [Fact]
    public void Parse_Slots_ReadsThePerServerAndTheGlobalLimit()
    {
        var jobs = ConfigurationLoader.Parse("jobs:\n  slots: 3\n  global_slots: 8\n", "sluice.yaml").Jobs;

        jobs.Slots.ShouldBe(3);
        jobs.GlobalSlots.ShouldBe(8);
        ConfigurationLoader.Parse("region: eu-west-1", "sluice.yaml").Jobs.GlobalSlots.ShouldBeNull();
    }

    [Fact]
    public void Parse_NoJobsSection_IsolatesByDefault()
    {
        var jobs = ConfigurationLoader.Parse("region: eu-west-1", "sluice.yaml").Jobs;

        jobs.Network.ShouldBe(JobNetwork.None);
        jobs.Limits.ShouldBe(JobLimits.Default);
        jobs.Limits.DiskBytes.ShouldBe(10_240 * Megabyte);
    }

    [Theory]
    [InlineData("jobs:\n  network: bridge", "sluice.yaml:2: jobs.network: 'bridge' is not a network: use none or host")]
    [InlineData("jobs:\n  limits:\n    memory_mb: lots", "sluice.yaml:3: jobs.limits.memory_mb: 'lots' is not a whole number from 64 to")]
    [InlineData("jobs:\n  limits:\n    processes: 2", "sluice.yaml:3: jobs.limits.processes: '2' is not a whole number from 16")]
    [InlineData("jobs:\n  limits:\n    disk: 5", "unknown key 'disk' (did you mean 'disk_mb'?)")]
    [InlineData("jobs:\n  read_only_paths: [relative/path]", "jobs.read_only_paths: 'relative/path' is not an absolute path without '..'")]
    [InlineData("jobs:\n  read_only_paths: [/srv/../root]", "is not an absolute path without '..'")]
    [InlineData("jobs:\n  read_only_paths: /srv", "jobs.read_only_paths: expected a list")]
    [InlineData("jobs:\n  netwrok: none", "unknown key 'netwrok' (did you mean 'network'?)")]
    [InlineData("jobs:\n  global_slots: 0", "sluice.yaml:2: jobs.global_slots: '0' is not a whole number from 1")]
    [InlineData("jobs:\n  slots: many", "sluice.yaml:2: jobs.slots: 'many' is not a whole number from 1")]
    public void Parse_BadJobsSection_NamesTheLineAndKey(string text, string message) =>
        Should.Throw<ConfigurationException>(() => ConfigurationLoader.Parse(text, "sluice.yaml")).Message.ShouldContain(message);

    [Theory]
    [InlineData(null, 10_240)]
    [InlineData(5.0, 5_120)]
    [InlineData(30.0, 10_240)]
    [InlineData(0.0, 10_240)]
    public void ForVolume_VolumeSizeInGb_LowersTheDiskLimitOnly(double? gigabytes, long expectedMegabytes) =>
        JobLimits.Default.ForVolume(gigabytes).DiskBytes.ShouldBe(expectedMegabytes * Megabyte);
}
