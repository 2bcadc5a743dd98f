using System.Globalization;
using Microsoft.AspNetCore.Http;
using Sluice.Client.Signing;
using Sluice.Server.Api;

namespace Sluice.Server.Hosting;

/// <summary>
/// Checks that a request carries a valid SigV4 signature made with one of the configured credentials, as AWS does:
/// the <c>Host</c> header as received (with its port), the region and service the client chose, the body's hash, and
/// an <c>X-Amz-Date</c> within 15 minutes of the server's clock. Failures are AWS's authentication errors (HTTP 403).
/// </summary>
/// <param name="secrets">Secret access keys by access key id.</param>
/// <param name="time">The clock signatures' dates are checked against.</param>
internal sealed class SignatureVerifier(IReadOnlyDictionary<string, string> secrets, TimeProvider time)
{
    /// <summary>How far a request's X-Amz-Date may be from the server's clock.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    /// <summary>Whether any credentials are configured (otherwise every request is accepted).</summary>
    public bool Enabled => secrets.Count > 0;

    /// <summary>Checks a request's signature.</summary>
    /// <param name="request">The request as received.</param>
    /// <param name="body">Its body.</param>
    /// <param name="sqs">Whether it is an SQS request (its errors are named as SQS names them).</param>
    /// <exception cref="ApiException">When the request is unsigned, signed with an unknown key, expired, or its signature does not match.</exception>
    public void Verify(HttpRequest request, ReadOnlyMemory<byte> body, bool sqs)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            throw Denied(sqs ? "MissingAuthenticationToken" : "MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (!SigV4Authorization.TryParse(header, out var authorization))
        {
            throw Denied(sqs ? "IncompleteSignature" : "IncompleteSignatureException", "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters for AWS4-HMAC-SHA256.");
        }

        if (!secrets.TryGetValue(authorization.AccessKeyId, out var secret))
        {
            throw Denied(sqs ? "InvalidClientTokenId" : "UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        var signed = SigningRequestOf(request, body);
        var amzDate = signed.Header("X-Amz-Date");
        if (amzDate is null || !DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            throw Denied(sqs ? "IncompleteSignature" : "IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        var now = time.GetUtcNow();
        if ((now - signedAt).Duration() > MaxSkew)
        {
            throw Denied(
                sqs ? "SignatureDoesNotMatch" : "InvalidSignatureException",
                string.Create(CultureInfo.InvariantCulture, $"Signature expired: {amzDate} is now earlier than {SigV4Signer.FormatAmzDate(now - MaxSkew)} ({SigV4Signer.FormatAmzDate(now)} - 15 min.)"));
        }

        if (!SigV4Signer.Verify(signed, authorization, secret))
        {
            throw Denied(
                sqs ? "SignatureDoesNotMatch" : "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
    }

    private static ApiException Denied(string code, string message) => new(code, message, StatusCodes.Status403Forbidden);

    /// <summary>The request as its signer saw it: method, URL (with the Host header as received), every header, the body.</summary>
    private static SigningRequest SigningRequestOf(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count);
        foreach (var (name, values) in request.Headers)
        {
            headers.Add(new(name, values.ToString()));
        }

        var uri = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}");
        return new SigningRequest(request.Method, uri, headers, body);
    }
}
