using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Sluice.Server.Api;

/// <summary>
/// Builds the endpoint's handlers from typed ones: the body is read as the operation's request type and the answer
/// written as its response type, both the wire types <c>Sluice.Client</c> sends and reads, so the shapes exist once.
/// </summary>
internal static class Operation
{
    /// <summary>A handler from a typed request to a typed response.</summary>
    public static Func<ApiRequest, CancellationToken, Task<string>> Of<TRequest, TResponse>(
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<TRequest, CancellationToken, Task<TResponse>> handle) =>
        async (request, cancellationToken) => JsonSerializer.Serialize(await handle(request.Read(requestType), cancellationToken), responseType);

    /// <summary>
    /// A handler from a typed request to a response kept as stored JSON: the Describe answers of jobs, models and model
    /// packages, recorded whole by the engine when it ran them.
    /// </summary>
    public static Func<ApiRequest, CancellationToken, Task<string>> Stored<TRequest>(
        JsonTypeInfo<TRequest> requestType,
        Func<TRequest, CancellationToken, Task<string>> handle) =>
        (request, cancellationToken) => handle(request.Read(requestType), cancellationToken);
}
