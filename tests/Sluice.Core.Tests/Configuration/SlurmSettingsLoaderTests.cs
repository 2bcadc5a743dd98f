using Sluice.Core.Configuration;
using Sluice.Core.Jobs.Slurm;

namespace Sluice.Core.Tests.Configuration;

/// <summary>The <c>jobs.slurm:</c> section of sluice.yaml, and the errors that name its keys.</summary>
public sealed class SlurmSettingsLoaderTests
{
    [Fact]
    public void Parse_SlurmSection_ReadsEverySettingAndMergesInstanceTypesOverTheDefaults()
    {
        var jobs = ConfigurationLoader.Parse("""
            jobs:
              host: slurm
              slurm:
                partition: gpu
                account: team-ml
                qos: normal
                sbatch_options: [--constraint=avx2, "--reservation=maint"]
                poll_interval_ms: 500
                max_poll_interval_ms: 10000
                max_jobs: 50
                commands: {sbatch: /opt/slurm/bin/sbatch, squeue: /opt/slurm/bin/squeue}
                instance_types:
                  ml.m5.xlarge: {cpus: 2}
                  ml.custom.big: {cpus: 64, memory_mb: 512000, gpus: 8}
            """, "sluice.yaml").Jobs;

        jobs.Host.ShouldBe(SlurmJobHost.HostName);
        var slurm = jobs.Slurm;
        (slurm.Partition, slurm.Account, slurm.Qos).ShouldBe(("gpu", "team-ml", "normal"));
        slurm.ExtraOptions.ShouldBe(["--constraint=avx2", "--reservation=maint"]);
        slurm.PollInterval.ShouldBe(TimeSpan.FromMilliseconds(500));
        slurm.MaxPollInterval.ShouldBe(TimeSpan.FromSeconds(10));
        slurm.MaxJobs.ShouldBe(50);
        slurm.Commands.ShouldBe(new SlurmCommands("/opt/slurm/bin/sbatch", "/opt/slurm/bin/squeue", "scontrol", "scancel"));
        slurm.ResourcesOf("ml.m5.xlarge").ShouldBe(new SlurmResources(2, 16 * 1024, 0), "only the cpus are overridden");
        slurm.ResourcesOf("ml.custom.big").ShouldBe(new SlurmResources(64, 512_000, 8));
        slurm.ResourcesOf("ml.c5.xlarge").ShouldBe(new SlurmResources(4, 8 * 1024, 0));
        slurm.ResourcesOf(null).ShouldBe(SlurmResources.Fallback);
    }

    [Fact]
    public void Parse_NoSlurmSection_KeepsTheDefaults() =>
        ConfigurationLoader.Parse("jobs:\n  host: slurm", "sluice.yaml").Jobs.Slurm.ShouldBe(SlurmSettings.Default);

    [Theory]
    [InlineData("jobs:\n  slurm:\n    partiton: x", "sluice.yaml:3: jobs.slurm: unknown key 'partiton' (did you mean 'partition'?)")]
    [InlineData("jobs:\n  slurm:\n    partition: \"a b\"", "sluice.yaml:3: jobs.slurm.partition: 'a b' is not a Slurm name")]
    [InlineData("jobs:\n  slurm:\n    sbatch_options: [\"-p x\"]", "sluice.yaml:3: jobs.slurm.sbatch_options: '-p x' is not a long sbatch option")]
    [InlineData("jobs:\n  slurm:\n    sbatch_options: [--output=/tmp/x]", "sluice.yaml:3: jobs.slurm.sbatch_options: '--output' is set by Sluice itself")]
    [InlineData("jobs:\n  slurm:\n    poll_interval_ms: 1", "sluice.yaml:3: jobs.slurm.poll_interval_ms: '1' is not a whole number from 50 to 600000")]
    [InlineData("jobs:\n  slurm:\n    poll_interval_ms: 5000\n    max_poll_interval_ms: 1000", "sluice.yaml:3: jobs.slurm.max_poll_interval_ms: must not be below poll_interval_ms (5000)")]
    [InlineData("jobs:\n  slurm:\n    max_jobs: 0", "sluice.yaml:3: jobs.slurm.max_jobs: '0' is not a whole number from 1 to 100000")]
    [InlineData("jobs:\n  slurm:\n    commands: {srun: x}", "sluice.yaml:3: jobs.slurm.commands: unknown key 'srun'")]
    [InlineData("jobs:\n  slurm:\n    instance_types: {m5: {cpus: 2}}", "sluice.yaml:3: jobs.slurm.instance_types: 'm5' is not an instance type such as ml.m5.xlarge")]
    [InlineData("jobs:\n  slurm:\n    instance_types: {ml.x.y: {cpus: 0}}", "sluice.yaml:3: jobs.slurm.instance_types.ml.x.y.cpus: '0' is not a whole number from 1 to 100000")]
    [InlineData("jobs:\n  slurm:\n    instance_types: {ml.x.y: {ram: 1}}", "sluice.yaml:3: jobs.slurm.instance_types.ml.x.y: unknown key 'ram'")]
    public void Parse_BadSlurmSetting_FailsNamingTheKey(string yaml, string message) =>
        Should.Throw<ConfigurationException>(() => ConfigurationLoader.Parse(yaml, "sluice.yaml")).Message.ShouldStartWith(message);
}
