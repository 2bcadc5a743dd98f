namespace Sluice.Core.Jobs.Slurm;

/// <summary>
/// The Slurm job host's settings (<c>jobs.slurm:</c> in <c>sluice.yaml</c>): where jobs go, how often Slurm is asked
/// about them, and what each SageMaker instance type asks for. See docs/slurm.md.
/// </summary>
public sealed record SlurmSettings
{
    /// <summary>Every default: the cluster's default partition, account and QOS, polling every 2 s backing off to 30 s.</summary>
    public static SlurmSettings Default { get; } = new();

    /// <summary>The partition (<c>partition</c>, <c>--partition</c>); the cluster's default when <see langword="null"/>.</summary>
    public string? Partition { get; init; }

    /// <summary>The account charged (<c>account</c>, <c>--account</c>).</summary>
    public string? Account { get; init; }

    /// <summary>The quality of service (<c>qos</c>, <c>--qos</c>).</summary>
    public string? Qos { get; init; }

    /// <summary>More sbatch options, each one word such as <c>--constraint=avx2</c> (<c>sbatch_options</c>).</summary>
    public IReadOnlyList<string> ExtraOptions { get; init; } = [];

    /// <summary>
    /// How often the jobs being waited on are looked up, all in one squeue call (<c>poll_interval_ms</c>; default 2,000).
    /// A tick in which nothing changed doubles the interval up to <see cref="MaxPollInterval"/>; a change resets it.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many job steps may wait on Slurm at once, across all executions (<c>max_jobs</c>; default 1,000). It replaces
    /// the local limit of one job per CPU of Sluice's machine, which says nothing of the cluster's size; Slurm queues
    /// what it cannot run yet.
    /// </summary>
    public int MaxJobs { get; init; } = 1000;

    /// <summary>The longest interval between two look-ups (<c>max_poll_interval_ms</c>; default 30,000).</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The Slurm programs (<c>commands</c>).</summary>
    public SlurmCommands Commands { get; init; } = SlurmCommands.Default;

    /// <summary>
    /// Instance types mapped to resources (<c>instance_types</c>): <see cref="SlurmInstanceTypes.Defaults"/> with the
    /// configuration's entries over them.
    /// </summary>
    public IReadOnlyDictionary<string, SlurmResources> InstanceTypes { get; init; } = SlurmInstanceTypes.Defaults;

    /// <summary>The resources of an instance type; <see cref="SlurmResources.Fallback"/> for one the map does not hold.</summary>
    /// <param name="instanceType">The type, e.g. <c>ml.m5.xlarge</c>; <see langword="null"/> when the step gives none.</param>
    /// <returns>The resources.</returns>
    public SlurmResources ResourcesOf(string? instanceType) =>
        instanceType is not null && InstanceTypes.TryGetValue(instanceType, out var resources) ? resources : SlurmResources.Fallback;
}
