using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Sluice.Server.Api;

/// <summary>
/// Builds the SQS endpoint's handlers from typed ones, as <see cref="Operation"/> does for SageMaker: the body (a JSON
/// request, or a query-protocol form already turned into one) is read as the operation's request type and the answer
/// written as its response type, both the wire types of <c>Sluice.Client.Sqs</c> (<c>SqsJsonContext</c>).
/// </summary>
internal static class QueueOperation
{
    /// <summary>A handler from a typed request to a typed response; it also gets the base URL queue URLs are made of.</summary>
    public static Func<ApiRequest, string, CancellationToken, Task<string>> Of<TRequest, TResponse>(
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<TRequest, string, CancellationToken, Task<TResponse>> handle) =>
        async (request, baseUrl, cancellationToken) =>
            JsonSerializer.Serialize(await handle(request.Read(requestType), baseUrl, cancellationToken), responseType);

    /// <summary>A handler from a typed request to an empty answer (<c>{}</c>).</summary>
    public static Func<ApiRequest, string, CancellationToken, Task<string>> Of<TRequest>(
        JsonTypeInfo<TRequest> requestType,
        Func<TRequest, CancellationToken, Task> handle) =>
        async (request, _, cancellationToken) =>
        {
            await handle(request.Read(requestType), cancellationToken);
            return "{}";
        };
}
