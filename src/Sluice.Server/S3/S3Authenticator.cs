using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Sluice.Client.Signing;

namespace Sluice.Server.S3;

/// <summary>
/// Verifies S3 requests' SigV4 signatures when credentials are configured, with S3's rules: the path encoded once as
/// sent (no normalization), the payload hash taken from <c>x-amz-content-sha256</c> (a hex hash, checked against the
/// body as it streams; <c>UNSIGNED-PAYLOAD</c>; or <c>STREAMING-*</c>, whose chunks are checked by
/// <see cref="AwsChunkedStream"/>), and presigned URLs (<c>X-Amz-Signature</c> in the query, within <c>X-Amz-Expires</c>).
/// </summary>
/// <param name="secrets">Secret access keys by access key id.</param>
/// <param name="time">The clock dates are checked against.</param>
internal sealed class S3Authenticator(IReadOnlyDictionary<string, string> secrets, TimeProvider time)
{
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    /// <summary>Whether signatures are checked.</summary>
    public bool Enabled => secrets.Count > 0;

    /// <summary>Checks a request's signature.</summary>
    /// <param name="request">The request.</param>
    /// <param name="rawPath">The path as received, still percent-encoded.</param>
    /// <param name="rawQuery">The query as received, without <c>?</c>.</param>
    /// <returns>What verifies the chunks of a signed streaming body, or <see langword="null"/>.</returns>
    /// <exception cref="S3Exception">AccessDenied, InvalidAccessKeyId, SignatureDoesNotMatch, RequestTimeTooSkewed, ...</exception>
    public ChunkSigning? Verify(HttpRequest request, string rawPath, string rawQuery)
    {
        var query = S3Query.Parse(rawQuery);
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0 && query.ContainsKey("X-Amz-Algorithm"))
        {
            VerifyPresigned(request, rawPath, rawQuery, query);
            return null;
        }

        if (header.Length == 0 && query.ContainsKey("AWSAccessKeyId") && query.ContainsKey("Signature"))
        {
            VerifyPresignedV2(request, rawPath, query);
            return null;
        }

        if (header.Length == 0)
        {
            throw new S3Exception("AccessDenied", "Access Denied: this server requires signed requests (serve.credentials is configured).", StatusCodes.Status403Forbidden);
        }

        if (!SigV4Authorization.TryParse(header, out var authorization))
        {
            throw new S3Exception("AuthorizationHeaderMalformed", "The authorization header is malformed; it must be AWS4-HMAC-SHA256 with Credential, SignedHeaders and Signature.");
        }

        var secret = SecretOf(authorization.AccessKeyId);
        var amzDate = request.Headers["x-amz-date"].ToString();
        CheckDate(amzDate, TimeSpan.Zero);
        var payloadHash = request.Headers["x-amz-content-sha256"].ToString();
        if (payloadHash.Length == 0)
        {
            throw new S3Exception("InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
        }

        var canonical = CanonicalRequest(request, rawPath, S3Query.Canonical(rawQuery, exclude: null), authorization.SignedHeaders, payloadHash);
        var expected = SigV4Signer.ComputeSignature(secret, authorization.Date, authorization.Region, authorization.Service, SigV4Signer.StringToSign(amzDate, authorization.CredentialScope, canonical));
        Compare(expected, authorization.Signature);
        return payloadHash.StartsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", StringComparison.Ordinal)
            ? new ChunkSigning(secret, authorization.Date, authorization.Region, authorization.Service, amzDate, expected)
            : null;
    }

    private void VerifyPresigned(HttpRequest request, string rawPath, string rawQuery, Dictionary<string, string> query)
    {
        string Get(string name) => query.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new S3Exception("AuthorizationQueryParametersError", $"Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters; {name} is missing.");

        if (Get("X-Amz-Algorithm") != SigV4Signer.Algorithm)
        {
            throw new S3Exception("AuthorizationQueryParametersError", "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }

        var credential = Get("X-Amz-Credential").Split('/');
        if (credential.Length != 5 || credential[4] != "aws4_request")
        {
            throw new S3Exception("AuthorizationQueryParametersError", "X-Amz-Credential must be ACCESS_KEY/DATE/REGION/SERVICE/aws4_request.");
        }

        var secret = SecretOf(credential[0]);
        var amzDate = Get("X-Amz-Date");
        if (!int.TryParse(Get("X-Amz-Expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || expires is < 1 or > 604800)
        {
            throw new S3Exception("AuthorizationQueryParametersError", "X-Amz-Expires must be a number of seconds from 1 to 604800.");
        }

        CheckDate(amzDate, TimeSpan.FromSeconds(expires));
        var signedHeaders = Get("X-Amz-SignedHeaders").Split(';');
        var payloadHash = request.Headers["x-amz-content-sha256"].ToString() is { Length: > 0 } given ? given : "UNSIGNED-PAYLOAD";
        var canonical = CanonicalRequest(request, rawPath, S3Query.Canonical(rawQuery, exclude: "X-Amz-Signature"), signedHeaders, payloadHash);
        var scope = SigV4Signer.CredentialScope(credential[1], credential[2], credential[3]);
        var expected = SigV4Signer.ComputeSignature(secret, credential[1], credential[2], credential[3], SigV4Signer.StringToSign(amzDate, scope, canonical));
        Compare(expected, Get("X-Amz-Signature"));
    }

    /// <summary>
    /// A presigned URL of signature version 2 (what boto3's <c>generate_presigned_url</c> makes by default): HMAC-SHA1 of
    /// the method, Content-MD5, Content-Type, <c>Expires</c>, the <c>x-amz-*</c> headers and the resource with its subresources.
    /// </summary>
    private void VerifyPresignedV2(HttpRequest request, string rawPath, Dictionary<string, string> query)
    {
        var secret = SecretOf(query["AWSAccessKeyId"]);
        if (!long.TryParse(query.GetValueOrDefault("Expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            throw new S3Exception("AccessDenied", "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters", StatusCodes.Status403Forbidden);
        }

        if (time.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            throw new S3Exception("AccessDenied", "Request has expired", StatusCodes.Status403Forbidden);
        }

        var amzHeaders = request.Headers
            .Where(h => h.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Key.ToLowerInvariant() + ":" + h.Value.ToString().Trim() + "\n")
            .Order(StringComparer.Ordinal);
        var subresources = query.Where(p => SubresourcesV2.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Value.Length == 0 && p.Key is not ("partNumber" or "uploadId" or "versionId") ? p.Key : p.Key + "=" + p.Value).ToList();
        var resource = rawPath + (subresources.Count == 0 ? string.Empty : "?" + string.Join('&', subresources));
        var stringToSign = $"{request.Method}\n{request.Headers["Content-MD5"]}\n{request.Headers.ContentType}\n{expires.ToString(CultureInfo.InvariantCulture)}\n{string.Concat(amzHeaders)}{resource}";
#pragma warning disable CA5350 // signature version 2 is HMAC-SHA1 by definition; accepted only because clients still make such URLs
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));
#pragma warning restore CA5350
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(query["Signature"])))
        {
            throw new S3Exception("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.", StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>The query parameters signature version 2 signs as part of the resource.</summary>
    private static readonly HashSet<string> SubresourcesV2 = new(StringComparer.Ordinal)
    {
        "acl", "cors", "delete", "lifecycle", "location", "logging", "notification", "partNumber", "policy", "requestPayment",
        "response-cache-control", "response-content-disposition", "response-content-encoding", "response-content-language",
        "response-content-type", "response-expires", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning",
        "versions", "website",
    };

    private string SecretOf(string accessKeyId) => secrets.TryGetValue(accessKeyId, out var secret)
        ? secret
        : throw new S3Exception("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", StatusCodes.Status403Forbidden);

    /// <summary>Checks that a request's date is within 15 minutes of now, or (presigned) that it has not expired.</summary>
    private void CheckDate(string amzDate, TimeSpan validFor)
    {
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            throw new S3Exception("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header", StatusCodes.Status403Forbidden);
        }

        var now = time.GetUtcNow();
        if (validFor > TimeSpan.Zero)
        {
            if (now > signedAt + validFor)
            {
                throw new S3Exception("AccessDenied", "Request has expired", StatusCodes.Status403Forbidden);
            }

            if (signedAt - now > MaxSkew)
            {
                throw new S3Exception("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", StatusCodes.Status403Forbidden);
            }

            return;
        }

        if ((now - signedAt).Duration() > MaxSkew)
        {
            throw new S3Exception("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", StatusCodes.Status403Forbidden);
        }
    }

    private static void Compare(string expected, string actual)
    {
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual.ToLowerInvariant())))
        {
            throw new S3Exception(
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>S3's canonical request: the path encoded once, as sent; the canonical query; the signed headers as received.</summary>
    private static string CanonicalRequest(HttpRequest request, string rawPath, string canonicalQuery, IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(S3Query.Encode(Uri.UnescapeDataString(rawPath), keepSlash: true)).Append('\n');
        builder.Append(canonicalQuery).Append('\n');
        foreach (var name in signedHeaders)
        {
            var value = name == "host" ? request.Host.Value ?? string.Empty : request.Headers[name].ToString();
            builder.Append(name).Append(':').Append(string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Append('\n');
        }

        builder.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);
        return builder.ToString();
    }
}
