namespace Sluice.Core.Storage;

/// <summary>
/// The jobs steps run (processing, training, transform, tuning), as their Describe* operations read them. Job runners
/// write them; the server's job API reads them. Every method has finished writing when its task completes (nothing is
/// reported before it is durable).
/// </summary>
public interface IJobStore
{
    /// <summary>Inserts or replaces the record of a job (by kind and name).</summary>
    Task SaveJobAsync(JobRecord job, CancellationToken cancellationToken);

    /// <summary>A job by kind and name (in any case: ARNs carry names in lower case), or <see langword="null"/>.</summary>
    Task<JobRecord?> GetJobAsync(JobKind kind, string name, CancellationToken cancellationToken);

    /// <summary>The trials of a tuning job (training jobs whose parent it is), in the order they started.</summary>
    Task<IReadOnlyList<JobRecord>> ListTrialJobsAsync(string tuningJobName, CancellationToken cancellationToken);
}
