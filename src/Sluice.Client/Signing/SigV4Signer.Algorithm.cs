using System.Security.Cryptography;
using System.Text;

namespace Sluice.Client.Signing;

/// <content>The pieces of the algorithm, for signing and for verifying on a server.</content>
public sealed partial class SigV4Signer
{
    private const string Terminator = "aws4_request";

    /// <summary>Headers never signed: hop-by-hop headers and those an HTTP stack may add or change after signing (botocore's list, plus Content-Length and Authorization).</summary>
    private static readonly HashSet<string> Unsigned = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "connection", "content-length", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    };

    /// <summary>The names of the headers to sign: every header present except the unsigned ones, plus <c>host</c>; lower case, sorted.</summary>
    /// <param name="headers">The headers that will be sent.</param>
    /// <returns>The sorted, distinct, lower-case names.</returns>
    public static IReadOnlyList<string> SignedHeaderNames(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var names = headers.Select(h => h.Key.Trim().ToLowerInvariant()).Where(n => !Unsigned.Contains(n)).Append("host").Distinct().ToList();
        names.Sort(string.CompareOrdinal);
        return names;
    }

    /// <summary>
    /// The canonical request: method, canonical URI, canonical query string, canonical headers, signed header names and
    /// payload hash, each on its own line. A signed header the request lacks contributes an empty value; <c>host</c>, when
    /// absent from the headers, is taken from the URI.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="signedHeaders">The lower-case names of the headers to sign, sorted.</param>
    /// <param name="payloadHash">The hex SHA-256 of the body (or the value of <c>X-Amz-Content-Sha256</c>).</param>
    /// <returns>The canonical request.</returns>
    public static string CanonicalRequest(SigningRequest request, IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method.ToUpperInvariant()).Append('\n');
        builder.Append(SigV4Encoding.CanonicalUri(request.Uri)).Append('\n');
        builder.Append(SigV4Encoding.CanonicalQueryString(request.Uri.Query)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var value = request.Headers
                .Where(h => string.Equals(h.Key.Trim(), name, StringComparison.OrdinalIgnoreCase))
                .Select(h => SigV4Encoding.TrimAll(h.Value))
                .ToList();
            if (value.Count == 0 && name == "host")
            {
                value.Add(SigV4Encoding.HostOf(request.Uri));
            }

            builder.Append(name).Append(':').Append(string.Join(',', value)).Append('\n');
        }

        builder.Append('\n');
        builder.Append(string.Join(';', signedHeaders)).Append('\n');
        builder.Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>The string to sign: algorithm, request time, credential scope and the hex SHA-256 of the canonical request.</summary>
    /// <param name="amzDate">The request time as <c>X-Amz-Date</c> carries it (<c>yyyyMMddTHHmmssZ</c>).</param>
    /// <param name="credentialScope">The credential scope, <c>date/region/service/aws4_request</c>.</param>
    /// <param name="canonicalRequest">The canonical request.</param>
    /// <returns>The string to sign.</returns>
    public static string StringToSign(string amzDate, string credentialScope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{credentialScope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    /// <summary>The credential scope: <c>date/region/service/aws4_request</c>.</summary>
    /// <param name="date">The date, <c>yyyyMMdd</c>.</param>
    /// <param name="region">The region.</param>
    /// <param name="service">The service's signing name.</param>
    /// <returns>The scope.</returns>
    public static string CredentialScope(string date, string region, string service) => $"{date}/{region}/{service}/{Terminator}";

    /// <summary>The signature: HMAC-SHA256 of the string to sign under the key derived from the secret, date, region and service.</summary>
    /// <param name="secretAccessKey">The secret access key.</param>
    /// <param name="date">The scope's date, <c>yyyyMMdd</c>.</param>
    /// <param name="region">The scope's region.</param>
    /// <param name="service">The scope's service.</param>
    /// <param name="stringToSign">The string to sign.</param>
    /// <returns>The signature, lower-case hex.</returns>
    public static string ComputeSignature(string secretAccessKey, string date, string region, string service, string stringToSign)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, Terminator);
        return Hex(Hmac(key, stringToSign));
    }

    /// <summary>
    /// Recomputes the signature a received request should carry, from its headers, the parsed <c>Authorization</c> and
    /// the secret of its access key: what a server compares with <see cref="SigV4Authorization.Signature"/>.
    /// </summary>
    /// <param name="request">The received request, with every header it arrived with (<c>Host</c> and <c>X-Amz-Date</c> included).</param>
    /// <param name="authorization">Its parsed <c>Authorization</c> header.</param>
    /// <param name="secretAccessKey">The secret access key of <see cref="SigV4Authorization.AccessKeyId"/>.</param>
    /// <returns>The expected signature, lower-case hex.</returns>
    /// <exception cref="ArgumentException">The request has no <c>X-Amz-Date</c> header.</exception>
    public static string ComputeSignature(SigningRequest request, SigV4Authorization authorization, string secretAccessKey)
    {
        var amzDate = request.Header("X-Amz-Date") ?? throw new ArgumentException("The request has no X-Amz-Date header.", nameof(request));
        var canonicalRequest = CanonicalRequest(request, authorization.SignedHeaders, PayloadHash(request));
        var stringToSign = StringToSign(amzDate, authorization.CredentialScope, canonicalRequest);
        return ComputeSignature(secretAccessKey, authorization.Date, authorization.Region, authorization.Service, stringToSign);
    }

    /// <summary>Whether a received request carries the signature its content and the secret give (compared in constant time).</summary>
    /// <param name="request">The received request.</param>
    /// <param name="authorization">Its parsed <c>Authorization</c> header.</param>
    /// <param name="secretAccessKey">The secret access key of <see cref="SigV4Authorization.AccessKeyId"/>.</param>
    /// <returns><see langword="true"/> when the signature matches; <see langword="false"/> when it does not or <c>X-Amz-Date</c> is missing.</returns>
    public static bool Verify(SigningRequest request, SigV4Authorization authorization, string secretAccessKey)
    {
        if (request.Header("X-Amz-Date") is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(ComputeSignature(request, authorization, secretAccessKey));
        var actual = Encoding.ASCII.GetBytes(authorization.Signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>The hex SHA-256 of a body.</summary>
    /// <param name="body">The body.</param>
    /// <returns>Lower-case hex.</returns>
    public static string HashPayload(ReadOnlySpan<byte> body) => Hex(SHA256.HashData(body));

    /// <summary>The payload hash of a request: its <c>X-Amz-Content-Sha256</c> header when present (as botocore does), else the body's hash.</summary>
    private static string PayloadHash(SigningRequest request) =>
        request.Header("X-Amz-Content-Sha256") ?? HashPayload(request.Body.Span);

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
