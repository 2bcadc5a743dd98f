namespace Sluice.Core.Storage;

/// <summary>
/// What <see cref="IIdempotencyStore.ClaimClientTokenAsync"/> found: the caller now holds the token and must act and then
/// save the answer (or give the claim up), or the first answer is there already, or another request (on this server or
/// another) holds the token and is still acting.
/// </summary>
/// <param name="Claimed">Whether the caller holds the token now.</param>
/// <param name="Answer">The first answer, when one was saved.</param>
/// <param name="PendingRequestBody">The body of the request that holds the token and has not answered yet.</param>
public sealed record ClientTokenClaim(bool Claimed, ClientTokenRecord? Answer, string? PendingRequestBody)
{
    /// <summary>Gets a claim the caller holds.</summary>
    public static ClientTokenClaim Mine { get; } = new(true, null, null);

    /// <summary>A claim answered already.</summary>
    /// <param name="answer">The first answer.</param>
    /// <returns>The claim.</returns>
    public static ClientTokenClaim Answered(ClientTokenRecord answer) => new(false, answer, null);

    /// <summary>A claim another request holds and has not answered yet.</summary>
    /// <param name="requestBody">That request's body.</param>
    /// <returns>The claim.</returns>
    public static ClientTokenClaim Pending(string requestBody) => new(false, null, requestBody);
}
