namespace Sluice.Core.Jobs;

/// <summary>What <see cref="IJobHost.ReattachAsync"/> found: the job can be waited on, or it is lost and why.</summary>
/// <param name="LostReason">Why the job cannot be waited on any more; <see langword="null"/> when it can.</param>
public sealed record JobReattachment(string? LostReason)
{
    /// <summary>The job is known and can be waited on.</summary>
    public static JobReattachment Attached { get; } = new((string?)null);

    /// <summary>Whether the job is lost.</summary>
    public bool IsLost => LostReason is not null;

    /// <summary>The job cannot be waited on.</summary>
    /// <param name="reason">Why, as the step's FailureReason shows it.</param>
    /// <returns>The answer.</returns>
    public static JobReattachment Lost(string reason) => new(reason);
}
