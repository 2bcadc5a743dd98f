using System.Security.Cryptography;
using System.Text;
using Sluice.Client.Signing;

namespace Sluice.Server.S3;

/// <summary>What verifies the chunks of a signed <c>aws-chunked</c> body: the request's signing key inputs and its seed signature.</summary>
/// <param name="Secret">The secret access key.</param>
/// <param name="Date">The credential scope's date.</param>
/// <param name="Region">The credential scope's region.</param>
/// <param name="Service">The credential scope's service.</param>
/// <param name="AmzDate">The request's <c>X-Amz-Date</c>.</param>
/// <param name="SeedSignature">The signature of the request's headers, which the first chunk's signature chains from.</param>
internal sealed record ChunkSigning(string Secret, string Date, string Region, string Service, string AmzDate, string SeedSignature)
{
    private static readonly string EmptyHash = Convert.ToHexStringLower(SHA256.HashData([]));

    private string Scope => SigV4Signer.CredentialScope(Date, Region, Service);

    /// <summary>The signature a chunk must carry: over the previous signature and the chunk's hash.</summary>
    public string ChunkSignature(string previous, string chunkHashHex) => SigV4Signer.ComputeSignature(
        Secret, Date, Region, Service, $"AWS4-HMAC-SHA256-PAYLOAD\n{AmzDate}\n{Scope}\n{previous}\n{EmptyHash}\n{chunkHashHex}");

    /// <summary>The signature the trailer must carry: over the last chunk's signature and the canonical trailing headers.</summary>
    public string TrailerSignature(string previous, string canonicalTrailers) => SigV4Signer.ComputeSignature(
        Secret, Date, Region, Service, $"AWS4-HMAC-SHA256-TRAILER\n{AmzDate}\n{Scope}\n{previous}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalTrailers)))}");
}
