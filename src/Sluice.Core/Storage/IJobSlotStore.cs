namespace Sluice.Core.Storage;

/// <summary>
/// Job slots counted by the store, so that every server sharing it together runs at most a global number of jobs
/// (<c>jobs.global_slots</c>). A slot is a row per running job, held until the job ends or, when its server dies, until
/// it expires (its server renews its slots as it renews its leases). Claims are atomic across servers.
/// </summary>
public interface IJobSlotStore
{
    /// <summary>
    /// Claims a slot for <paramref name="job"/> unless <paramref name="limit"/> unexpired slots are held already (expired
    /// slots are freed first). A job that holds a slot already keeps it, renewed.
    /// </summary>
    /// <param name="job">The job's id, unique while it runs (e.g. its execution, step and attempt).</param>
    /// <param name="owner">The claiming server.</param>
    /// <param name="limit">How many slots there are.</param>
    /// <param name="now">The claim time.</param>
    /// <param name="duration">How long the slot is held unless renewed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the job holds a slot now.</returns>
    Task<bool> TryClaimJobSlotAsync(string job, string owner, int limit, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Extends every slot <paramref name="owner"/> holds to <paramref name="now"/> + <paramref name="duration"/>.</summary>
    /// <param name="owner">The server.</param>
    /// <param name="now">The time.</param>
    /// <param name="duration">How long the slots are held unless renewed again.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many slots the owner holds.</returns>
    Task<int> RenewJobSlotsAsync(string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Frees a job's slot (the job ended).</summary>
    /// <param name="job">The job's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the slot is free.</returns>
    Task ReleaseJobSlotAsync(string job, CancellationToken cancellationToken);

    /// <summary>The slots held and unexpired at <paramref name="now"/>.</summary>
    /// <param name="now">The time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many there are.</returns>
    Task<int> CountJobSlotsAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
