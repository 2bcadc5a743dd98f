namespace Sluice.Client.Signing;

/// <summary>What signing a request produced: the headers to add, and the intermediate strings (useful when a signature is rejected).</summary>
/// <param name="Headers">The headers to add to the request: <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> when the credentials carry a session token, <c>X-Amz-Content-Sha256</c> when asked for, and <c>Authorization</c>.</param>
/// <param name="CanonicalRequest">The canonical request that was hashed.</param>
/// <param name="StringToSign">The string that was signed.</param>
/// <param name="Authorization">The parsed form of the <c>Authorization</c> header.</param>
public sealed record SigV4SigningResult(
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string CanonicalRequest,
    string StringToSign,
    SigV4Authorization Authorization);
