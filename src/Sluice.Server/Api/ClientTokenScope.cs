using Sluice.Core.Execution;

namespace Sluice.Server.Api;

/// <summary>
/// A ClientRequestToken that the operation's handler claims and answers in the same commit as its own write
/// (StartPipelineExecution): what <see cref="ClientRequestTokens"/> hands the handler through <see cref="ApiRequest.ClientToken"/>.
/// </summary>
/// <param name="Operation">The operation.</param>
/// <param name="Token">The ClientRequestToken.</param>
/// <param name="RequestBody">The request body as received.</param>
/// <param name="AbandonedBefore">Pending claims made before this are taken over.</param>
/// <param name="ForgetBefore">Answers created before this are forgotten.</param>
internal sealed record ClientTokenScope(string Operation, string Token, string RequestBody, DateTimeOffset AbandonedBefore, DateTimeOffset ForgetBefore)
{
    /// <summary>The engine's form of the token, with the answer the handler gives.</summary>
    /// <param name="responseFor">Makes the response body from the new execution's ARN.</param>
    /// <returns>The token to start with.</returns>
    public StartClientToken ForStart(Func<string, string> responseFor) =>
        new(Operation, Token, RequestBody, responseFor, AbandonedBefore, ForgetBefore);
}
