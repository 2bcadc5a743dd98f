namespace Sluice.Core.Storage;

/// <summary>
/// Callback steps' tokens and their answers. The Callback runner issues tokens; the engine records answers
/// (SendPipelineExecutionStepSuccess/Failure). Every method has finished writing when its task completes (nothing is
/// reported before it is durable).
/// </summary>
public interface ICallbackStore
{
    /// <summary>Stores a new Callback token as Pending.</summary>
    Task CreateCallbackAsync(CallbackRecord callback, CancellationToken cancellationToken);

    /// <summary>A Callback token's record, or <see langword="null"/>.</summary>
    Task<CallbackRecord?> GetCallbackAsync(string token, CancellationToken cancellationToken);

    /// <summary>Records the answer to a Pending token.</summary>
    /// <returns>The updated record; <see langword="null"/> when the token is unknown or no longer Pending (nothing changes then).</returns>
    Task<CallbackRecord?> CompleteCallbackAsync(string token, CallbackStatus status, string? outputParametersJson, string? failureReason, CancellationToken cancellationToken);
}
