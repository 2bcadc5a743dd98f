using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sluice.Client.Credentials;
using Sluice.Client.Signing;

namespace Sluice.Client.Http;

/// <summary>
/// The AWS JSON protocol over HTTP: every operation is a <c>POST</c> to the endpoint with
/// <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c> and a JSON body, signed with SigV4 unless anonymous. Error
/// responses become <see cref="AwsServiceException"/>; throttling, 5xx and transient network failures are retried with
/// backoff, other 4xx never.
/// </summary>
public sealed class AwsJsonClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly SigV4Signer? _signer;
    private readonly TimeProvider _time;
    private readonly int _maxAttempts;
    private readonly Func<int, TimeSpan> _retryDelay;

    /// <summary>Creates a client for a service.</summary>
    /// <param name="service">The service, e.g. <see cref="AwsJsonService.SageMaker"/>.</param>
    /// <param name="options">Endpoint, region, credentials, HTTP client, clock and retries; <see langword="null"/> for the defaults.</param>
    /// <exception cref="AwsConfigurationException">Credentials or a region are needed and cannot be found.</exception>
    public AwsJsonClient(AwsJsonService service, AwsClientOptions? options = null)
    {
        options ??= new AwsClientOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        Service = service;
        var resolver = options.Resolver;
        var explicitEndpoint = options.Endpoint ?? options.HttpClient?.BaseAddress;
        if (options.Region is { Length: > 0 } region)
        {
            Region = region;
        }
        else
        {
            resolver ??= AwsCredentialsResolver.FromProcess();
            Region = explicitEndpoint is null ? resolver.ResolveRegion() : resolver.FindRegion() ?? "us-east-1";
        }

        Endpoint = explicitEndpoint ?? service.DefaultEndpoint(Region);
        if (!Endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException($"The endpoint '{Endpoint}' is not an absolute URI.", nameof(options));
        }

        if (!options.Anonymous)
        {
            var credentials = options.Credentials ?? (resolver ?? AwsCredentialsResolver.FromProcess()).ResolveCredentials();
            _signer = new SigV4Signer(credentials, Region, service.SigningName);
        }

        _ownsHttp = options.HttpClient is null;
        _http = options.HttpClient ?? new HttpClient();
        _time = options.TimeProvider;
        _maxAttempts = options.MaxAttempts;
        _retryDelay = options.RetryDelay;
    }

    /// <summary>The service this client speaks to.</summary>
    public AwsJsonService Service { get; }

    /// <summary>The endpoint requests are posted to.</summary>
    public Uri Endpoint { get; }

    /// <summary>The region requests are signed for.</summary>
    public string Region { get; }

    /// <summary>The clock for signing times and waits.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>Whether requests go unsigned.</summary>
    public bool IsAnonymous => _signer is null;

    /// <summary>Sends one operation with a raw JSON body and returns the raw response, retrying what is retryable.</summary>
    /// <param name="operation">The operation name, e.g. <c>DescribePipelineExecution</c>.</param>
    /// <param name="body">The JSON request body (<c>{}</c> for no input).</param>
    /// <param name="cancellationToken">Cancels the request and any wait between attempts.</param>
    /// <returns>The successful response.</returns>
    /// <exception cref="AwsServiceException">The service answered with an error (after the retries, when retryable).</exception>
    /// <exception cref="HttpRequestException">The service could not be reached (after the retries).</exception>
    public async Task<AwsJsonResponse> SendAsync(string operation, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var request = CreateRequest(operation, body);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
                    return new AwsJsonResponse(response.StatusCode, requestId, bytes.Length == 0 ? "{}"u8.ToArray() : bytes);
                }

                var error = AwsErrorParser.Parse(response, bytes);
                if (!error.IsRetryable || attempt >= _maxAttempts)
                {
                    throw error;
                }
            }
            catch (HttpRequestException) when (attempt < _maxAttempts && !cancellationToken.IsCancellationRequested)
            {
                // A refused or reset connection: transient, tried again.
            }
            catch (TaskCanceledException) when (attempt < _maxAttempts && !cancellationToken.IsCancellationRequested)
            {
                // The HTTP client's own timeout, not the caller's cancellation: tried again.
            }

            await Task.Delay(_retryDelay(attempt), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one operation with a typed request and reads a typed response (source-generated JSON metadata).</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="operation">The operation name.</param>
    /// <param name="request">The request.</param>
    /// <param name="requestType">How to write the request.</param>
    /// <param name="responseType">How to read the response.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service answered with an error.</exception>
    /// <exception cref="JsonException">The response body does not fit <typeparamref name="TResponse"/>.</exception>
    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(operation, JsonSerializer.SerializeToUtf8Bytes(request, requestType), cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(response.Body.Span, responseType)
            ?? throw new JsonException($"{Service.TargetPrefix}.{operation} returned null.");
    }

    /// <summary>Sends one operation with a typed request whose response has no members worth reading.</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <param name="operation">The operation name.</param>
    /// <param name="request">The request.</param>
    /// <param name="requestType">How to write the request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the service has answered successfully.</returns>
    /// <exception cref="AwsServiceException">The service answered with an error.</exception>
    public async Task InvokeAsync<TRequest>(string operation, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken = default) =>
        _ = await SendAsync(operation, JsonSerializer.SerializeToUtf8Bytes(request, requestType), cancellationToken).ConfigureAwait(false);

    /// <summary>Disposes the HTTP client when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private HttpRequestMessage CreateRequest(string operation, ReadOnlyMemory<byte> body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"{Service.TargetPrefix}.{operation}");
        if (Service.QueryCompatible)
        {
            request.Headers.TryAddWithoutValidation("x-amzn-query-mode", "true");
        }

        request.Content = new ReadOnlyMemoryContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Service.ContentType); // no charset: the value is signed
        _signer?.Sign(request, body, _time.GetUtcNow());
        return request;
    }
}
