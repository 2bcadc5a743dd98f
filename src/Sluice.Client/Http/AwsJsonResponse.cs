using System.Net;

namespace Sluice.Client.Http;

/// <summary>A successful response: the raw JSON body and what the headers said.</summary>
/// <param name="StatusCode">The HTTP status (2xx).</param>
/// <param name="RequestId">The <c>x-amzn-RequestId</c> header, when sent.</param>
/// <param name="Body">The body bytes (<c>{}</c> for an empty output).</param>
public sealed record AwsJsonResponse(HttpStatusCode StatusCode, string? RequestId, ReadOnlyMemory<byte> Body);
