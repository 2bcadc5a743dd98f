namespace Sluice.Core.Storage;

/// <summary>
/// ClientRequestTokens: the first answer to a request that carried one, so that a retry gets the same answer. A wire
/// concern: only the server uses it; the engine never does. Every method has finished writing when its task completes
/// (nothing is reported before it is durable).
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>The first answer to a request with this ClientRequestToken, or <see langword="null"/> (also while it is only claimed).</summary>
    Task<ClientTokenRecord?> GetClientTokenAsync(string operation, string token, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a ClientRequestToken before acting on its request, atomically for every server sharing the store: of several
    /// requests claiming one token at once exactly one gets <see cref="ClientTokenClaim.Claimed"/>; the others get the
    /// first answer once it is saved, or see the claim pending meanwhile. A pending claim made before
    /// <paramref name="abandonedBefore"/> (its server died before answering) is taken over.
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="token">The ClientRequestToken.</param>
    /// <param name="requestBody">The request body.</param>
    /// <param name="now">The claim time.</param>
    /// <param name="abandonedBefore">Pending claims made before this are taken over.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was found.</returns>
    Task<ClientTokenClaim> ClaimClientTokenAsync(
        string operation, string token, string requestBody, DateTimeOffset now, DateTimeOffset abandonedBefore, CancellationToken cancellationToken);

    /// <summary>Gives up a pending claim (the request failed and may be tried again); an answered token stays as it is.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="token">The ClientRequestToken.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the claim is gone.</returns>
    Task AbandonClientTokenAsync(string operation, string token, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the first answer to a request with a ClientRequestToken (a token already answered is left as it is; a pending
    /// claim gets this answer), and forgets answers created before <paramref name="forgetBefore"/>.
    /// </summary>
    Task SaveClientTokenAsync(ClientTokenRecord record, DateTimeOffset forgetBefore, CancellationToken cancellationToken);
}
