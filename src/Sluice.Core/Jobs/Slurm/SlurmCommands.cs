namespace Sluice.Core.Jobs.Slurm;

/// <summary>The Slurm programs the host runs (<c>jobs.slurm.commands</c>); by default found on PATH.</summary>
/// <param name="Sbatch">sbatch.</param>
/// <param name="Squeue">squeue.</param>
/// <param name="Scontrol">scontrol.</param>
/// <param name="Scancel">scancel.</param>
public sealed record SlurmCommands(string Sbatch, string Squeue, string Scontrol, string Scancel)
{
    /// <summary>The programs by name, looked up on PATH.</summary>
    public static SlurmCommands Default { get; } = new("sbatch", "squeue", "scontrol", "scancel");
}
