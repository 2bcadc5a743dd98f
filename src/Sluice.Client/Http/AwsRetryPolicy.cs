using System.Net;

namespace Sluice.Client.Http;

/// <summary>Which failures are worth retrying and how long to wait, following botocore's standard retry mode.</summary>
public static class AwsRetryPolicy
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);

    private static readonly HashSet<string> RetryableCodes = new(StringComparer.Ordinal)
    {
        // Throttling (botocore retries/standard.py _THROTTLED_ERROR_CODES).
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",

        // Transient (_TRANSIENT_ERROR_CODES).
        "RequestTimeout", "RequestTimeoutException",
    };

    /// <summary>Whether an error response may succeed when sent again: a throttling or transient code, or HTTP 429, 500, 502, 503, 504. Other 4xx never are.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">The error code.</param>
    /// <returns>Whether to retry.</returns>
    public static bool IsRetryable(HttpStatusCode statusCode, string? errorCode) =>
        statusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
        || (errorCode is not null && RetryableCodes.Contains(errorCode));

    /// <summary>
    /// Exponential backoff with full jitter: a random delay below <c>min(20 s, 2^(retry-1) × 250 ms)</c>. botocore scales
    /// its backoff by 1 s for throttling and 50 ms otherwise; 250 ms is one scale for both.
    /// </summary>
    /// <param name="retry">The retry number, 1 for the first retry.</param>
    /// <returns>The delay.</returns>
    public static TimeSpan DefaultDelay(int retry)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, 250 * Math.Pow(2, Math.Clamp(retry - 1, 0, 30)));
#pragma warning disable CA5394 // Jitter spreads retries; it is not a security decision.
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
#pragma warning restore CA5394
    }
}
