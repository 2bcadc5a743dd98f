using Sluice.Core.Steps;

namespace Sluice.Core.Jobs;

/// <summary>
/// How a job step's runner hands its job to the <see cref="IJobHost"/>: on a fresh attempt it submits the job and saves
/// the handle as the step's job state before waiting; on an attempt the engine resumed after a restart (its job state
/// is a saved <see cref="JobHandle"/>) it re-attaches instead of staging and submitting again.
/// </summary>
internal static class JobRun
{
    /// <summary>The exception type of a step whose job was lost with the process that ran it, as the engine has always given it.</summary>
    public const string LostExceptionType = "Step.SERVICE_FAULT";

    /// <summary>The handle an earlier process saved for this attempt; <see langword="null"/> on a fresh attempt.</summary>
    /// <param name="context">The step's context.</param>
    /// <returns>The handle.</returns>
    public static JobHandle? Saved(StepRunContext context) => JobHandle.TryParse(context.JobState);

    /// <summary>
    /// On a resumed attempt, asks the host whether its job can still be waited on. When it cannot (the local host's jobs
    /// die with the process that started them), the step fails with the host's reason as a service fault, exactly as
    /// the engine failed an interrupted step before jobs had handles, so the step's RetryPolicies decide what happens.
    /// </summary>
    /// <param name="host">The job host.</param>
    /// <param name="context">The step's context.</param>
    /// <param name="cancellationToken">Signalled when Sluice shuts down.</param>
    /// <returns>The failure of a lost job; <see langword="null"/> on a fresh attempt or when the job was found.</returns>
    public static async Task<StepResult?> LostAsync(IJobHost host, StepRunContext context, CancellationToken cancellationToken) =>
        Saved(context) is { } saved && await host.ReattachAsync(saved, cancellationToken) is { IsLost: true } lost
            ? new StepResult.Failed(lost.LostReason!, LostExceptionType)
            : null;

    /// <summary>
    /// Runs a job to its end: waits on the saved handle of a resumed attempt, or submits <paramref name="job"/>, saves
    /// its handle as the step's job state and waits.
    /// </summary>
    /// <param name="host">The job host.</param>
    /// <param name="context">The step's context (its StopRequested stops the job).</param>
    /// <param name="job">The job, staged already on a fresh attempt.</param>
    /// <param name="cancellationToken">Signalled when Sluice shuts down.</param>
    /// <returns>How the job ended.</returns>
    public static async Task<JobOutcome> RunAsync(IJobHost host, StepRunContext context, JobSpec job, CancellationToken cancellationToken)
    {
        if (Saved(context) is { } saved)
        {
            return await host.WaitAsync(saved, context.StopRequested, cancellationToken);
        }

        var handle = await host.SubmitAsync(job, cancellationToken);
        try
        {
            await context.SaveJobStateAsync(handle.ToJson(), cancellationToken);
        }
        catch (Exception)
        {
            // Nobody would ever wait on this job: stop it, and end the local host's wait on it as a shutdown would.
            await host.StopAsync(handle, CancellationToken.None);
            using var now = new CancellationTokenSource();
            await now.CancelAsync();
            try
            {
                await host.WaitAsync(handle, CancellationToken.None, now.Token);
            }
            catch (OperationCanceledException)
            {
                // the expected end of a wait abandoned at once
            }

            throw;
        }

        return await host.WaitAsync(handle, context.StopRequested, cancellationToken);
    }
}
