using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sluice.Client.Http;
using Sluice.Client.SageMaker.Pipelines;

namespace Sluice.Client.SageMaker;

/// <summary>
/// The SageMaker pipeline API, and the job and model-registry reads a pipeline client needs, over AWS JSON 1.1. Works
/// against <c>sluice serve</c> (set <see cref="AwsClientOptions.Endpoint"/>) and against SageMaker itself.
/// Idempotency tokens (<c>ClientRequestToken</c>) left <see langword="null"/> are filled with a new UUID, once per call,
/// so a retried request stays idempotent.
/// </summary>
public sealed partial class SageMakerClient : IDisposable
{
    private readonly bool _ownsTransport;

    /// <summary>Creates a client with its own transport.</summary>
    /// <param name="options">Endpoint, region, credentials and retries; <see langword="null"/> for the defaults.</param>
    /// <exception cref="Credentials.AwsConfigurationException">Credentials or a region are needed and cannot be found.</exception>
    public SageMakerClient(AwsClientOptions? options = null)
        : this(new AwsJsonClient(AwsJsonService.SageMaker, options), ownsTransport: true)
    {
    }

    /// <summary>Creates a client over an existing transport, which it does not dispose.</summary>
    /// <param name="transport">A transport for <see cref="AwsJsonService.SageMaker"/>.</param>
    public SageMakerClient(AwsJsonClient transport)
        : this(transport, ownsTransport: false)
    {
    }

    private SageMakerClient(AwsJsonClient transport, bool ownsTransport)
    {
        if (transport.Service.TargetPrefix != AwsJsonService.SageMaker.TargetPrefix)
        {
            throw new ArgumentException($"The transport speaks to {transport.Service.TargetPrefix}, not SageMaker.", nameof(transport));
        }

        Transport = transport;
        _ownsTransport = ownsTransport;
    }

    /// <summary>The transport, for operations this client does not type (<see cref="AwsJsonClient.SendAsync"/>).</summary>
    public AwsJsonClient Transport { get; }

    /// <summary>Creates a pipeline (<c>CreatePipeline</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ValidationException</c> when the pipeline already exists.</exception>
    public Task<CreatePipelineResponse> CreatePipelineAsync(CreatePipelineRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(
            "CreatePipeline",
            request with { ClientRequestToken = request.ClientRequestToken ?? NewToken() },
            SageMakerJsonContext.Default.CreatePipelineRequest,
            SageMakerJsonContext.Default.CreatePipelineResponse,
            cancellationToken);

    /// <summary>Updates a pipeline, making a new version (<c>UpdatePipeline</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<UpdatePipelineResponse> UpdatePipelineAsync(UpdatePipelineRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("UpdatePipeline", request, SageMakerJsonContext.Default.UpdatePipelineRequest, SageMakerJsonContext.Default.UpdatePipelineResponse, cancellationToken);

    /// <summary>Deletes a pipeline (<c>DeletePipeline</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ConflictException</c> while an execution runs.</exception>
    public Task<DeletePipelineResponse> DeletePipelineAsync(DeletePipelineRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(
            "DeletePipeline",
            request with { ClientRequestToken = request.ClientRequestToken ?? NewToken() },
            SageMakerJsonContext.Default.DeletePipelineRequest,
            SageMakerJsonContext.Default.DeletePipelineResponse,
            cancellationToken);

    /// <summary>Describes a pipeline, or one of its versions (<c>DescribePipeline</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<DescribePipelineResponse> DescribePipelineAsync(DescribePipelineRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("DescribePipeline", request, SageMakerJsonContext.Default.DescribePipelineRequest, SageMakerJsonContext.Default.DescribePipelineResponse, cancellationToken);

    /// <summary>Lists one page of pipelines (<c>ListPipelines</c>); <see cref="ListAllPipelinesAsync"/> follows every page.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="AwsServiceException">The service refused.</exception>
    public Task<ListPipelinesResponse> ListPipelinesAsync(ListPipelinesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("ListPipelines", request, SageMakerJsonContext.Default.ListPipelinesRequest, SageMakerJsonContext.Default.ListPipelinesResponse, cancellationToken);

    /// <summary>Lists one page of a pipeline's versions (<c>ListPipelineVersions</c>); <see cref="ListAllPipelineVersionsAsync"/> follows every page.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<ListPipelineVersionsResponse> ListPipelineVersionsAsync(ListPipelineVersionsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("ListPipelineVersions", request, SageMakerJsonContext.Default.ListPipelineVersionsRequest, SageMakerJsonContext.Default.ListPipelineVersionsResponse, cancellationToken);

    /// <summary>Renames or redescribes a pipeline version (<c>UpdatePipelineVersion</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<UpdatePipelineVersionResponse> UpdatePipelineVersionAsync(UpdatePipelineVersionRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("UpdatePipelineVersion", request, SageMakerJsonContext.Default.UpdatePipelineVersionRequest, SageMakerJsonContext.Default.UpdatePipelineVersionResponse, cancellationToken);

    /// <summary>Disposes the transport when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsTransport)
        {
            Transport.Dispose();
        }
    }

    /// <summary>A new idempotency token: a UUID, as botocore fills <c>idempotencyToken</c> members.</summary>
    private static string NewToken() => Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);

    private Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken) =>
        Transport.InvokeAsync(operation, request, requestType, responseType, cancellationToken);

    /// <summary>Calls an operation whose response is kept as JSON, and wraps it.</summary>
    private async Task<TResponse> InvokeJsonAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        Func<JsonElement, TResponse> wrap,
        CancellationToken cancellationToken)
    {
        var json = await Transport.InvokeAsync(operation, request, requestType, SageMakerJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false);
        return wrap(json);
    }
}
