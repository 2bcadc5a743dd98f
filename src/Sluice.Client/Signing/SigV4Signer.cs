using System.Globalization;
using System.Net.Http.Headers;
using Sluice.Client.Credentials;

namespace Sluice.Client.Signing;

/// <summary>
/// Signs requests with AWS Signature Version 4 as botocore does for JSON services (SageMaker, SQS): every header present
/// at signing time is signed except hop-by-hop ones, <c>User-Agent</c>, <c>Content-Length</c> and <c>Authorization</c>;
/// <c>Host</c> is always signed and includes the port when it is not the scheme's default. The static members are the
/// pieces of the algorithm, public so that a server can verify a request with the same code.
/// </summary>
public sealed partial class SigV4Signer
{
    /// <summary>The signing algorithm's name, the first word of the <c>Authorization</c> header.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Creates a signer.</summary>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <param name="region">The region of the credential scope, e.g. <c>us-east-1</c>.</param>
    /// <param name="service">The signing name of the service, e.g. <c>sagemaker</c> or <c>sqs</c>.</param>
    public SigV4Signer(AwsCredentials credentials, string region, string service)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentException.ThrowIfNullOrEmpty(service);
        Credentials = credentials;
        Region = region;
        Service = service;
    }

    /// <summary>The credentials that sign.</summary>
    public AwsCredentials Credentials { get; }

    /// <summary>The region of the credential scope.</summary>
    public string Region { get; }

    /// <summary>The service of the credential scope.</summary>
    public string Service { get; }

    /// <summary>Whether to add (and sign) an <c>X-Amz-Content-Sha256</c> header with the body's hash. Off by default, as in botocore for JSON services.</summary>
    public bool AddContentSha256Header { get; init; }

    /// <summary>Signs a request description.</summary>
    /// <param name="request">The request; headers the signer sets (<c>Authorization</c>, <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c>) are replaced.</param>
    /// <param name="time">The signing time (UTC is taken from it).</param>
    /// <returns>The headers to add and the intermediate strings.</returns>
    public SigV4SigningResult Sign(SigningRequest request, DateTimeOffset time)
    {
        var amzDate = FormatAmzDate(time);
        var replaced = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Authorization", "X-Amz-Date", "X-Amz-Security-Token" };
        if (AddContentSha256Header)
        {
            replaced.Add("X-Amz-Content-Sha256");
        }

        var added = new List<KeyValuePair<string, string>> { new("X-Amz-Date", amzDate) };
        if (!string.IsNullOrEmpty(Credentials.SessionToken))
        {
            added.Add(new("X-Amz-Security-Token", Credentials.SessionToken));
        }

        if (AddContentSha256Header)
        {
            added.Add(new("X-Amz-Content-Sha256", HashPayload(request.Body.Span)));
        }

        var headers = request.Headers.Where(h => !replaced.Contains(h.Key)).Concat(added).ToList();
        var signed = SignedHeaderNames(headers);
        var signing = request with { Headers = headers };
        var canonicalRequest = CanonicalRequest(signing, signed, PayloadHash(signing));
        var date = amzDate[..8];
        var stringToSign = StringToSign(amzDate, CredentialScope(date, Region, Service), canonicalRequest);
        var signature = ComputeSignature(Credentials.SecretAccessKey, date, Region, Service, stringToSign);
        var authorization = new SigV4Authorization(Credentials.AccessKeyId, date, Region, Service, signed, signature);
        added.Add(new("Authorization", authorization.ToString()));
        return new SigV4SigningResult(added, canonicalRequest, stringToSign, authorization);
    }

    /// <summary>Signs an <see cref="HttpRequestMessage"/> in place, reading its body from <see cref="HttpRequestMessage.Content"/>.</summary>
    /// <param name="request">The request, with an absolute <see cref="HttpRequestMessage.RequestUri"/>.</param>
    /// <param name="time">The signing time.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>What signing produced.</returns>
    public async Task<SigV4SigningResult> SignAsync(HttpRequestMessage request, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return Sign(request, body, time);
    }

    /// <summary>Signs an <see cref="HttpRequestMessage"/> in place whose body the caller already has as bytes.</summary>
    /// <param name="request">The request, with an absolute <see cref="HttpRequestMessage.RequestUri"/>.</param>
    /// <param name="body">The exact bytes of the body that will be sent.</param>
    /// <param name="time">The signing time.</param>
    /// <returns>What signing produced.</returns>
    public SigV4SigningResult Sign(HttpRequestMessage request, ReadOnlyMemory<byte> body, DateTimeOffset time)
    {
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new ArgumentException("The request needs an absolute RequestUri to be signed.", nameof(request));
        var headers = new List<KeyValuePair<string, string>>();
        Collect(request.Headers, headers);
        if (request.Content is not null)
        {
            Collect(request.Content.Headers, headers);
        }

        var result = Sign(new SigningRequest(request.Method.Method, uri, headers, body), time);
        foreach (var header in result.Headers)
        {
            request.Headers.Remove(header.Key);
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return result;
    }

    /// <summary>The <c>X-Amz-Date</c> form of a time: <c>yyyyMMddTHHmmssZ</c> in UTC.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The formatted time.</returns>
    public static string FormatAmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static void Collect(HttpHeaders source, List<KeyValuePair<string, string>> target)
    {
        foreach (var header in source.NonValidated)
        {
            foreach (var value in header.Value)
            {
                target.Add(new(header.Key, value));
            }
        }
    }
}
