namespace Sluice.Core.Jobs;

/// <summary>Conveniences over <see cref="IJobHost"/>.</summary>
public static class JobHostExtensions
{
    /// <summary>Submits a job and waits for it, for callers that need no handle (tests, one-off probes).</summary>
    /// <param name="host">The host.</param>
    /// <param name="job">The job.</param>
    /// <param name="stop">Signalled to stop the job.</param>
    /// <param name="cancellationToken">Signalled when Sluice shuts down.</param>
    /// <returns>How the job ended.</returns>
    public static async Task<JobOutcome> RunAsync(this IJobHost host, JobSpec job, CancellationToken stop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var handle = await host.SubmitAsync(job, cancellationToken);
        return await host.WaitAsync(handle, stop, cancellationToken);
    }
}
