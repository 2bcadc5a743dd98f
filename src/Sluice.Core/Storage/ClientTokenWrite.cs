namespace Sluice.Core.Storage;

/// <summary>
/// A ClientRequestToken claimed and answered in the same commit as the write that acts on its request
/// (<see cref="IExecutionStore.StartExecutionAsync(ExecutionRecord, string, IReadOnlyCollection{StepRecord}, ClientTokenWrite?, CancellationToken)"/>):
/// the answer is an opaque document the caller made, kept as <see cref="IIdempotencyStore"/> keeps every answer, so a
/// token is never stored without what it answered, nor the other way round.
/// </summary>
/// <param name="Answer">The answer to keep: operation, token, request body, response body and time.</param>
/// <param name="AbandonedBefore">A pending claim of the token made before this (its server died before answering) is taken over.</param>
/// <param name="ForgetBefore">Answers created before this are forgotten in the same commit.</param>
public sealed record ClientTokenWrite(ClientTokenRecord Answer, DateTimeOffset AbandonedBefore, DateTimeOffset ForgetBefore);
