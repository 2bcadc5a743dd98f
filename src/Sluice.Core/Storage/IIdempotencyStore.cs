namespace Sluice.Core.Storage;

/// <summary>
/// ClientRequestTokens: the first answer to a request that carried one, so that a retry gets the same answer. A wire
/// concern: only the server uses it; the engine never does. Every method has finished writing when its task completes
/// (nothing is reported before it is durable).
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>The first answer to a request with this ClientRequestToken, or <see langword="null"/>.</summary>
    Task<ClientTokenRecord?> GetClientTokenAsync(string operation, string token, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the first answer to a request with a ClientRequestToken (a token already kept is left as it is), and forgets
    /// answers created before <paramref name="forgetBefore"/>.
    /// </summary>
    Task SaveClientTokenAsync(ClientTokenRecord record, DateTimeOffset forgetBefore, CancellationToken cancellationToken);
}
