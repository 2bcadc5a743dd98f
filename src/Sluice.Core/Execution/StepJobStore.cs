using System.Collections.Concurrent;
using Sluice.Core.Storage;

namespace Sluice.Core.Execution;

/// <summary>
/// The job store a running step sees: reads go to the store, and a job's record is saved through the
/// <see cref="StepWriter"/>, in order with the step records and in the same batch as those saved around it, without
/// the step waiting for it. A job step's record of its job (InProgress when it starts, the Describe* answer when it
/// ends) then costs no commit of its own: it lands with the step's Executing record or with its final one, which the
/// writer stores after it. The execution's end waits for these writes, as for the step records.
/// </summary>
/// <param name="store">The store, for reads.</param>
/// <param name="writer">The writer of step records.</param>
/// <param name="deferred">The execution's writes not yet awaited.</param>
internal sealed class StepJobStore(IJobStore store, StepWriter writer, ConcurrentBag<Task> deferred) : IJobStore
{
    /// <inheritdoc/>
    public Task SaveJobAsync(JobRecord job, CancellationToken cancellationToken)
    {
        deferred.Add(writer.SaveJobAsync(job, cancellationToken));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<JobRecord?> GetJobAsync(JobKind kind, string name, CancellationToken cancellationToken) =>
        store.GetJobAsync(kind, name, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<JobRecord>> ListTrialJobsAsync(string tuningJobName, CancellationToken cancellationToken) =>
        store.ListTrialJobsAsync(tuningJobName, cancellationToken);
}
