using Sluice.Core.Storage;

namespace Sluice.Server.Api;

/// <summary>
/// ClientRequestToken idempotency for the operations that take one: a request repeated with the same token and the same
/// body gets the first answer again instead of acting twice (a retried StartPipelineExecution starts one execution),
/// also after a server restart, for <see cref="Lifetime"/>; the same token with another body is refused. Two requests
/// with one token at the same moment are answered one after the other, so only one of them acts.
/// </summary>
/// <param name="store">Where the answers are kept.</param>
/// <param name="time">The clock.</param>
public sealed class ClientRequestTokens(IIdempotencyStore store, TimeProvider time)
{
    /// <summary>How long an answer is kept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private static readonly HashSet<string> Operations = new(StringComparer.Ordinal)
    {
        "CreatePipeline", "DeletePipeline", "UpdatePipelineExecution", "StartPipelineExecution", "StopPipelineExecution",
        "RetryPipelineExecution", "SendPipelineExecutionStepSuccess", "SendPipelineExecutionStepFailure",
    };

    /// <summary>Striped gates: requests with one token always take the same gate; a few unrelated ones may share it.</summary>
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Answers a request: the first answer again when its token was seen with the same body, otherwise the handler's.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="request">The request.</param>
    /// <param name="body">The request body as received.</param>
    /// <param name="handle">Acts on the request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response body.</returns>
    /// <exception cref="ApiException">When the token was used with a different request.</exception>
    public async Task<string> AnswerAsync(string operation, ApiRequest request, string body, Func<Task<string>> handle, CancellationToken cancellationToken)
    {
        if (!Operations.Contains(operation) || request.Optional("ClientRequestToken", 128) is not { } token)
        {
            return await handle();
        }

        var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(operation + "\n" + token) % (uint)_gates.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await store.GetClientTokenAsync(operation, token, cancellationToken) is { } earlier)
            {
                return earlier.RequestBody == body
                    ? earlier.ResponseBody
                    : throw ApiException.Validation($"ClientRequestToken '{token}' was already used with a different {operation} request.");
            }

            var response = await handle();
            var now = time.GetUtcNow();
            await store.SaveClientTokenAsync(new ClientTokenRecord(operation, token, body, response, now), now - Lifetime, cancellationToken);
            return response;
        }
        finally
        {
            gate.Release();
        }
    }
}
