namespace Sluice.Core.Storage;

/// <summary>
/// What <see cref="IExecutionStore.StartExecutionAsync(ExecutionRecord, string, IReadOnlyCollection{StepRecord}, ClientTokenWrite?, CancellationToken)"/>
/// did: stored the execution (and the token's answer, when one was given), or stored nothing because the pipeline
/// version is gone, or stored nothing because the ClientRequestToken was answered, or is being answered, by another
/// request.
/// </summary>
/// <param name="Stored">Whether the execution, its steps and the token's answer were stored (in one commit).</param>
/// <param name="Token">When nothing was stored because of the token: what holds it (<see cref="ClientTokenClaim.Claimed"/> is then false).</param>
public sealed record ExecutionStart(bool Stored, ClientTokenClaim? Token)
{
    /// <summary>Gets the outcome of a stored start.</summary>
    public static ExecutionStart Started { get; } = new(true, null);

    /// <summary>Gets the outcome of a start whose pipeline version is gone.</summary>
    public static ExecutionStart PipelineGone { get; } = new(false, null);

    /// <summary>The outcome of a start whose token another request holds.</summary>
    /// <param name="claim">What holds it: the first answer, or a pending claim.</param>
    /// <returns>The outcome.</returns>
    public static ExecutionStart TokenTaken(ClientTokenClaim claim) => new(false, claim);
}
