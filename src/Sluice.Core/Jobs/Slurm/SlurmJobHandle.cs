namespace Sluice.Core.Jobs.Slurm;

/// <summary>
/// What a Slurm <see cref="JobHandle"/>'s id holds: the Slurm job id and the job's control folder (where its script,
/// exit code and standard error are), written <c>{job id}@{control folder}</c>.
/// </summary>
/// <param name="JobId">The Slurm job id.</param>
/// <param name="ControlDirectory">The control folder, an absolute path ending in <c>.slurm</c>.</param>
internal sealed record SlurmJobHandle(string JobId, string ControlDirectory)
{
    /// <summary>The handle as the job's state saves it.</summary>
    /// <returns>The handle.</returns>
    public JobHandle ToHandle() => new(SlurmJobHost.HostName, $"{JobId}@{ControlDirectory}");

    /// <summary>Reads a handle's id; refuses anything this host did not write.</summary>
    /// <param name="handle">The handle.</param>
    /// <returns>The parts; <see langword="null"/> when the handle is another host's or malformed.</returns>
    public static SlurmJobHandle? TryParse(JobHandle handle)
    {
        if (handle.Host != SlurmJobHost.HostName)
        {
            return null;
        }

        var at = handle.Id.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return null;
        }

        var id = handle.Id[..at];
        var control = handle.Id[(at + 1)..];
        var plain = Path.IsPathFullyQualified(control)
            && control.EndsWith(".slurm", StringComparison.Ordinal)
            && !control.Split('/').Any(s => s is "." or "..")
            && !control.Any(char.IsControl);
        return SlurmOutput.IsJobId(id) && plain ? new SlurmJobHandle(id, control) : null;
    }
}
