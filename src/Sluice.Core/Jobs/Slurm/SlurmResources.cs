namespace Sluice.Core.Jobs.Slurm;

/// <summary>What one instance of a SageMaker instance type asks of Slurm: <c>--cpus-per-task</c>, <c>--mem</c> and <c>--gpus</c>.</summary>
/// <param name="Cpus">CPUs per task (the instance type's vCPUs).</param>
/// <param name="MemoryMb">Memory in megabytes; <see langword="null"/> leaves it to the cluster's default (DefMemPerCPU).</param>
/// <param name="Gpus">GPUs; 0 asks for none.</param>
public sealed record SlurmResources(int Cpus, long? MemoryMb, int Gpus)
{
    /// <summary>What a job whose instance type is not in the map gets: one CPU and the cluster's default memory.</summary>
    public static SlurmResources Fallback { get; } = new(1, null, 0);
}
