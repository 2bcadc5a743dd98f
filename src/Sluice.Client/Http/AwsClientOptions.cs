using Sluice.Client.Credentials;

namespace Sluice.Client.Http;

/// <summary>How a client reaches and authenticates to a service. Everything is optional: the defaults are AWS's regional endpoint and the standard credential chain.</summary>
public sealed class AwsClientOptions
{
    /// <summary>
    /// The endpoint to POST to, e.g. <c>http://localhost:8080</c> for <c>sluice serve</c>. When <see langword="null"/>, the
    /// injected <see cref="HttpClient"/>'s <see cref="System.Net.Http.HttpClient.BaseAddress"/> is used if set, else the
    /// service's regional AWS endpoint.
    /// </summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The region, e.g. <c>us-east-1</c>. When <see langword="null"/>, it comes from <see cref="Resolver"/>; with an explicit endpoint and no region anywhere, <c>us-east-1</c>.</summary>
    public string? Region { get; init; }

    /// <summary>The credentials to sign with. When <see langword="null"/> (and not <see cref="Anonymous"/>), they come from <see cref="Resolver"/>.</summary>
    public AwsCredentials? Credentials { get; init; }

    /// <summary>Send requests unsigned (no <c>Authorization</c>), like <c>aws --no-sign-request</c>. <c>sluice serve</c> accepts them by default; AWS does not.</summary>
    public bool Anonymous { get; init; }

    /// <summary>The HTTP client to send with; it is not disposed by the service client. When <see langword="null"/>, the client creates and owns one.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>The clock for signing times and retry delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How many times a request is tried in all, first try included (at least 1). Default 3, as botocore's standard retry mode.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The delay before retry number <c>n</c> (1 for the first retry). Default <see cref="AwsRetryPolicy.DefaultDelay"/>: exponential backoff with full jitter.</summary>
    public Func<int, TimeSpan> RetryDelay { get; init; } = AwsRetryPolicy.DefaultDelay;

    /// <summary>Where credentials and the region come from when not given. Default: this process's environment and the user's <c>~/.aws</c>.</summary>
    public AwsCredentialsResolver? Resolver { get; init; }
}
