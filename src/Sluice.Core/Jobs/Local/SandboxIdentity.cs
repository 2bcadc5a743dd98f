namespace Sluice.Core.Jobs.Local;

/// <summary>
/// Who a job runs as. When Sluice runs as root, bubblewrap sets up the sandbox with root's rights and the job then
/// drops to a user of its own (one of 65,536 ids from <see cref="JobSettings.FirstUid"/>) with no capabilities, so
/// its process limit counts its own processes only and no file of the host's or another job's is its to write. When
/// Sluice runs as another user, bubblewrap makes an unprivileged user namespace and the job keeps that user's id,
/// with no capabilities.
/// </summary>
/// <param name="AsRoot">Whether Sluice runs as root.</param>
/// <param name="Uid">The user (and group) id the job runs as, outside its namespace.</param>
internal sealed record SandboxIdentity(bool AsRoot, uint Uid)
{
    private static int _next = Environment.ProcessId * 4099;

    /// <summary>The identity for the next job: a fresh user id when Sluice runs as root, Sluice's own otherwise.</summary>
    /// <param name="settings">The job's settings.</param>
    /// <returns>The identity.</returns>
    public static SandboxIdentity Next(JobSettings settings)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return new SandboxIdentity(false, 0);
        }

        var slot = (uint)(Interlocked.Increment(ref _next) & 0xFFFF);
        return new SandboxIdentity(true, settings.FirstUid + slot);
    }
}
