namespace Sluice.Core.Jobs;

/// <summary>
/// Where jobs run: the seam between the step runners, which turn SageMaker requests into <see cref="JobSpec"/>s and
/// outcomes into Describe* answers, and the machinery that runs a job (the local bubblewrap sandbox today,
/// <see cref="Local.SandboxJobHost"/>; a cluster scheduler would be another implementation in its own folder).
/// </summary>
/// <remarks>
/// A runner submits a job, saves the handle as its step's job state, then waits. When Sluice restarts while the step
/// runs, the engine gives the saved handle back to the runner, which asks <see cref="ReattachAsync"/> whether the
/// job can still be waited on. A host whose jobs outlive Sluice answers yes and the wait goes on; a host whose jobs
/// end with Sluice answers that the job is lost, and the step fails with that reason as a service fault, which the
/// step's RetryPolicies may retry.
/// </remarks>
public interface IJobHost
{
    /// <summary>Starts a job; its folder (<see cref="JobSpec.JobDirectory"/>) is staged already.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>The job's handle, to be saved before anything depends on it surviving a restart.</returns>
    Task<JobHandle> SubmitAsync(JobSpec job, CancellationToken cancellationToken);

    /// <summary>Waits for a job to end.</summary>
    /// <param name="handle">The job's handle, from <see cref="SubmitAsync"/> or a successful <see cref="ReattachAsync"/>.</param>
    /// <param name="stop">Signalled to stop the job as SageMaker would (SIGTERM, then SIGKILL after a grace period); the outcome then says it was stopped.</param>
    /// <param name="cancellationToken">
    /// Signalled when Sluice shuts down: the wait is abandoned with an <see cref="OperationCanceledException"/>. A host
    /// whose jobs cannot outlive Sluice kills the job at once; one whose jobs can leaves it running, to be re-attached.
    /// </param>
    /// <returns>How the job ended.</returns>
    /// <exception cref="ArgumentException">When the host knows no job of that handle.</exception>
    Task<JobOutcome> WaitAsync(JobHandle handle, CancellationToken stop, CancellationToken cancellationToken);

    /// <summary>Asks a job to stop (SIGTERM, then SIGKILL after the grace period); a job that ended already is left as it is.</summary>
    /// <param name="handle">The job's handle.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the request was made (not when the job ended: wait for that).</returns>
    Task StopAsync(JobHandle handle, CancellationToken cancellationToken);

    /// <summary>Finds the job of a handle saved by an earlier process, so that it can be waited on again.</summary>
    /// <param name="handle">The saved handle.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>Whether the job can be waited on, or why it is lost.</returns>
    Task<JobReattachment> ReattachAsync(JobHandle handle, CancellationToken cancellationToken);
}
