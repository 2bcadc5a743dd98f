namespace Sluice.Core.Steps;

/// <summary>Fails steps of a type this machine cannot run, saying so.</summary>
/// <param name="reason">The message, e.g. "EMR steps run on SageMaker but cannot run on this machine".</param>
public sealed class UnsupportedStepRunner(string reason) : IStepRunner
{
    /// <inheritdoc />
    public bool UsesJobSlot => false;

    /// <inheritdoc />
    public Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken) =>
        Task.FromResult<StepResult>(new StepResult.Failed(reason, null));
}
