using Sluice.Core.Execution;
using Sluice.Core.Storage;

namespace Sluice.Server.Api;

/// <summary>
/// ClientRequestToken idempotency for the operations that take one: a request repeated with the same token and the same
/// body gets the first answer again instead of acting twice (a retried StartPipelineExecution starts one execution),
/// also after a server restart and from any server sharing the store, for <see cref="Lifetime"/>; the same token with
/// another body is refused. Two requests with one token at the same moment act once: on one server they take turns
/// (a striped gate), across servers the store's atomic claim decides (<see cref="IIdempotencyStore.ClaimClientTokenAsync"/>)
/// and the other request waits for the first answer. A request that fails gives its claim up, so a retry acts; a claim
/// whose server died before answering is taken over after <see cref="ClaimTimeout"/>. StartPipelineExecution claims
/// and answers its token in the start's own commit instead (<see cref="ApiRequest.ClientToken"/>): no claim, gate or
/// answer write of its own, and no token can be left without its execution.
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

    /// <summary>
    /// The operations whose handler claims and answers the token in its own commit (<see cref="ApiRequest.ClientToken"/>),
    /// so that the answer costs no write of its own and a crash cannot leave one without the other.
    /// </summary>
    private static readonly HashSet<string> OneCommit = new(StringComparer.Ordinal) { "StartPipelineExecution" };

    /// <summary>
    /// How long a claimed token may go unanswered before another request takes it over (its server died while acting).
    /// </summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often a request waiting for another's answer to its token looks again.</summary>
    private static readonly TimeSpan PendingPoll = TimeSpan.FromMilliseconds(25);

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

        if (OneCommit.Contains(operation))
        {
            return await AnswerInOneCommitAsync(operation, token, request, body, handle, cancellationToken);
        }

        var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(operation + "\n" + token) % (uint)_gates.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var waited = TimeSpan.Zero;
            while (true)
            {
                var now = time.GetUtcNow();
                var claim = await store.ClaimClientTokenAsync(operation, token, body, now, now - ClaimTimeout, cancellationToken);
                if (claim is { Answer: null, Claimed: true })
                {
                    return await ActAsync(operation, token, body, handle, cancellationToken);
                }

                if (Settle(operation, token, body, claim, waited) is { } answer)
                {
                    return answer;
                }

                // Another server holds the token and is acting: wait for its answer (on the wall clock, which a test's
                // fake clock does not stop).
                await Task.Delay(PendingPoll, cancellationToken);
                waited += PendingPoll;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Answers an operation whose handler writes the token with its own work: no gate and no claim beforehand, since the
    /// store's one commit decides between requests with one token on any server. When another request holds the
    /// token, the handler stores nothing (<see cref="ClientTokenTakenException"/>) and this answers from the first answer,
    /// or waits for it while an older-style claim is pending. A handler that fails for another reason stored nothing
    /// either; if the token was answered meanwhile (a retry of a request whose pipeline is gone since), that answer is given.
    /// </summary>
    private async Task<string> AnswerInOneCommitAsync(
        string operation, string token, ApiRequest request, string body, Func<Task<string>> handle, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            var now = time.GetUtcNow();
            request.ClientToken = new ClientTokenScope(operation, token, body, now - ClaimTimeout, now - Lifetime);
            ClientTokenClaim claim;
            try
            {
                return await handle();
            }
            catch (ClientTokenTakenException e)
            {
                claim = e.Claim;
            }
            catch (ApiException)
            {
                if (await store.GetClientTokenAsync(operation, token, cancellationToken) is not { } answered)
                {
                    throw;
                }

                claim = ClientTokenClaim.Answered(answered);
            }

            if (Settle(operation, token, body, claim, waited) is { } answer)
            {
                return answer;
            }

            await Task.Delay(PendingPoll, cancellationToken);
            waited += PendingPoll;
        }
    }

    /// <summary>
    /// What a request does about a token it did not get to act on: the first answer, when there is one for the same
    /// body; a refusal when the token answered, or is being answered for, another body, or has been pending too long;
    /// otherwise <see langword="null"/>: wait <see cref="PendingPoll"/> and look again.
    /// </summary>
    private static string? Settle(string operation, string token, string body, ClientTokenClaim claim, TimeSpan waited)
    {
        if (claim.Answer is { } earlier)
        {
            return earlier.RequestBody == body ? earlier.ResponseBody : throw Reused(operation, token);
        }

        if (claim.PendingRequestBody != body)
        {
            throw Reused(operation, token);
        }

        return waited >= ClaimTimeout + ClaimTimeout
            ? throw new ApiException("ThrottlingException", $"A request with ClientRequestToken '{token}' is still being answered; try again later.")
            : null;
    }

    private static ApiException Reused(string operation, string token) =>
        ApiException.Validation($"ClientRequestToken '{token}' was already used with a different {operation} request.");

    /// <summary>Acts on a claimed token and saves the answer; a request that fails gives the claim up, so it may be tried again.</summary>
    private async Task<string> ActAsync(string operation, string token, string body, Func<Task<string>> handle, CancellationToken cancellationToken)
    {
        string response;
        try
        {
            response = await handle();
        }
        catch (Exception)
        {
            await store.AbandonClientTokenAsync(operation, token, CancellationToken.None);
            throw;
        }

        var now = time.GetUtcNow();
        await store.SaveClientTokenAsync(new ClientTokenRecord(operation, token, body, response, now), now - Lifetime, CancellationToken.None);
        return response;
    }
}
