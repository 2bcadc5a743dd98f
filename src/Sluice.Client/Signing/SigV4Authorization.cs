using System.Diagnostics.CodeAnalysis;

namespace Sluice.Client.Signing;

/// <summary>
/// The parts of a SigV4 <c>Authorization</c> header:
/// <c>AWS4-HMAC-SHA256 Credential=AKID/20240506/us-east-1/sagemaker/aws4_request, SignedHeaders=content-type;host, Signature=hex</c>.
/// </summary>
/// <param name="AccessKeyId">The access key id that signed.</param>
/// <param name="Date">The credential scope's date, <c>yyyyMMdd</c>.</param>
/// <param name="Region">The credential scope's region.</param>
/// <param name="Service">The credential scope's service (the signing name, e.g. <c>sagemaker</c>).</param>
/// <param name="SignedHeaders">The lower-case names of the signed headers, in the order given.</param>
/// <param name="Signature">The signature, lower-case hex.</param>
public sealed record SigV4Authorization(
    string AccessKeyId,
    string Date,
    string Region,
    string Service,
    IReadOnlyList<string> SignedHeaders,
    string Signature)
{
    private const string Terminator = "aws4_request";

    /// <summary>The credential scope: <c>date/region/service/aws4_request</c>.</summary>
    public string CredentialScope => SigV4Signer.CredentialScope(Date, Region, Service);

    /// <summary>Parses an <c>Authorization</c> header value.</summary>
    /// <param name="value">The header value.</param>
    /// <param name="authorization">The parts, when the value is a well-formed AWS4-HMAC-SHA256 authorization.</param>
    /// <returns>Whether the value could be parsed.</returns>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SigV4Authorization? authorization)
    {
        authorization = null;
        if (value is null || !value.StartsWith(SigV4Signer.Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        string? credential = null;
        string? signedHeaders = null;
        string? signature = null;
        foreach (var part in value[SigV4Signer.Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            var component = part[equals..][1..].Trim();
            switch (part[..equals].Trim())
            {
                case "Credential": credential = component; break;
                case "SignedHeaders": signedHeaders = component; break;
                case "Signature": signature = component; break;
                default: return false;
            }
        }

        if (credential is null || signedHeaders is null || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        // The access key id comes first; the scope is the last four segments, so split from the end.
        var segments = credential.Split('/');
        if (segments.Length < 5 || segments[^1] != Terminator || segments[^4].Length != 8 || !segments[^4].All(char.IsAsciiDigit))
        {
            return false;
        }

        var headers = signedHeaders.Split(';');
        if (headers.Any(h => h.Length == 0))
        {
            return false;
        }

        authorization = new SigV4Authorization(
            string.Join('/', segments[..^4]),
            segments[^4],
            segments[^3],
            segments[^2],
            headers,
            signature);
        return authorization.AccessKeyId.Length > 0;
    }

    /// <summary>The header value, as botocore writes it.</summary>
    /// <returns><c>AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...</c>.</returns>
    public override string ToString() =>
        $"{SigV4Signer.Algorithm} Credential={AccessKeyId}/{CredentialScope}, SignedHeaders={string.Join(';', SignedHeaders)}, Signature={Signature}";
}
