namespace Sluice.Core.Execution;

/// <summary>
/// A ClientRequestToken a host wants claimed and answered in the start's own commit (the server's idempotency for
/// StartPipelineExecution). The engine knows nothing of the answer but how to make it from the new execution's ARN:
/// it is an opaque document the store keeps beside the execution, written in the same commit.
/// </summary>
/// <param name="Operation">The operation the token is scoped to.</param>
/// <param name="Token">The ClientRequestToken.</param>
/// <param name="RequestBody">The request as received, to tell a repeat from another request with the same token.</param>
/// <param name="ResponseFor">Makes the answer document from the new execution's ARN.</param>
/// <param name="AbandonedBefore">A pending claim of the token made before this (its server died before answering) is taken over.</param>
/// <param name="ForgetBefore">Answers created before this are forgotten.</param>
public sealed record StartClientToken(
    string Operation, string Token, string RequestBody, Func<string, string> ResponseFor, DateTimeOffset AbandonedBefore, DateTimeOffset ForgetBefore);
