namespace Sluice.Server.Hosting;

/// <summary>How <c>sluice serve</c> listens and what it accepts.</summary>
public sealed record SluiceServerOptions
{
    /// <summary>The default largest request body: 8 MiB, room for a definition at SageMaker's 1 MiB limit several times over.</summary>
    public const long DefaultMaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>The default largest S3 object or part a single request may upload: 5 GiB, as S3.</summary>
    public const long DefaultMaxObjectBytes = 5L * 1024 * 1024 * 1024;

    /// <summary>Where to listen, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public required string Urls { get; init; }

    /// <summary>Request bodies larger than this are refused with HTTP 413 and a message that says the limit.</summary>
    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>The largest object (PutObject) or part (UploadPart) one S3 request may carry, after aws-chunked decoding; larger ones get EntityTooLarge.</summary>
    public long MaxObjectBytes { get; init; } = DefaultMaxObjectBytes;

    /// <summary>
    /// Secret access keys by access key id. When there are any, every request must carry a valid SigV4 signature made
    /// with one of them (otherwise AWS's authentication errors, HTTP 403); when there are none, any signature, or none,
    /// is accepted.
    /// </summary>
    public IReadOnlyDictionary<string, string> Credentials { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A token that signs in to the web console (<c>serve.console_token</c>), besides an access key id and its secret.
    /// When it or <see cref="Credentials"/> is set, the console asks people to sign in; otherwise it is open to
    /// requests addressed to a loopback host.
    /// </summary>
    public string? ConsoleToken { get; init; }

    /// <summary>Whether every request is logged (operation, status, duration); faults are logged either way.</summary>
    public bool LogRequests { get; init; } = true;
}
