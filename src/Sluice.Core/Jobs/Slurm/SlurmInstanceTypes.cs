namespace Sluice.Core.Jobs.Slurm;

/// <summary>
/// The default mapping of SageMaker instance types to Slurm resources: the vCPUs, memory and GPUs AWS lists for each
/// type. <c>jobs.slurm.instance_types</c> in <c>sluice.yaml</c> overrides or adds entries; a type in neither gets
/// <see cref="SlurmResources.Fallback"/>.
/// </summary>
public static class SlurmInstanceTypes
{
    private const long Gib = 1024;

    /// <summary>The defaults, by instance type (<c>ml.m5.xlarge</c>).</summary>
    public static IReadOnlyDictionary<string, SlurmResources> Defaults { get; } = new Dictionary<string, SlurmResources>(StringComparer.Ordinal)
    {
        ["ml.t3.medium"] = new(2, 4 * Gib, 0),
        ["ml.t3.large"] = new(2, 8 * Gib, 0),
        ["ml.t3.xlarge"] = new(4, 16 * Gib, 0),
        ["ml.t3.2xlarge"] = new(8, 32 * Gib, 0),
        ["ml.m5.large"] = new(2, 8 * Gib, 0),
        ["ml.m5.xlarge"] = new(4, 16 * Gib, 0),
        ["ml.m5.2xlarge"] = new(8, 32 * Gib, 0),
        ["ml.m5.4xlarge"] = new(16, 64 * Gib, 0),
        ["ml.m5.12xlarge"] = new(48, 192 * Gib, 0),
        ["ml.m5.24xlarge"] = new(96, 384 * Gib, 0),
        ["ml.c5.large"] = new(2, 4 * Gib, 0),
        ["ml.c5.xlarge"] = new(4, 8 * Gib, 0),
        ["ml.c5.2xlarge"] = new(8, 16 * Gib, 0),
        ["ml.c5.4xlarge"] = new(16, 32 * Gib, 0),
        ["ml.c5.9xlarge"] = new(36, 72 * Gib, 0),
        ["ml.c5.18xlarge"] = new(72, 144 * Gib, 0),
        ["ml.r5.large"] = new(2, 16 * Gib, 0),
        ["ml.r5.xlarge"] = new(4, 32 * Gib, 0),
        ["ml.r5.2xlarge"] = new(8, 64 * Gib, 0),
        ["ml.r5.4xlarge"] = new(16, 128 * Gib, 0),
        ["ml.g4dn.xlarge"] = new(4, 16 * Gib, 1),
        ["ml.g4dn.2xlarge"] = new(8, 32 * Gib, 1),
        ["ml.g4dn.4xlarge"] = new(16, 64 * Gib, 1),
        ["ml.g4dn.12xlarge"] = new(48, 192 * Gib, 4),
        ["ml.g5.xlarge"] = new(4, 16 * Gib, 1),
        ["ml.g5.2xlarge"] = new(8, 32 * Gib, 1),
        ["ml.g5.4xlarge"] = new(16, 64 * Gib, 1),
        ["ml.g5.12xlarge"] = new(48, 192 * Gib, 4),
        ["ml.g5.48xlarge"] = new(192, 768 * Gib, 8),
        ["ml.p3.2xlarge"] = new(8, 61 * Gib, 1),
        ["ml.p3.8xlarge"] = new(32, 244 * Gib, 4),
        ["ml.p3.16xlarge"] = new(64, 488 * Gib, 8),
        ["ml.p4d.24xlarge"] = new(96, 1152 * Gib, 8),
    };
}
