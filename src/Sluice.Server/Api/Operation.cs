using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Sluice.Server.Api;

/// <summary>
/// Builds the endpoint's handlers from typed ones: the body is read as the operation's request type and the answer
/// written as its response type, both the wire types <c>Sluice.Client</c> sends and reads, so the shapes exist once.
/// </summary>
internal static class Operation
{
    /// <summary>
    /// A handler from a typed request to a typed response. Its target is an <see cref="IWrittenOperation"/>, through
    /// which the endpoint writes the answer as UTF-8 without making a string of it first, when the answer need not be
    /// kept (a request without a ClientRequestToken).
    /// </summary>
    public static Func<ApiRequest, CancellationToken, Task<string>> Of<TRequest, TResponse>(
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<TRequest, CancellationToken, Task<TResponse>> handle) =>
        new Typed<TRequest, TResponse>(requestType, responseType, handle).AnswerAsync;

    /// <summary>
    /// A handler from a typed request to a response kept as stored JSON: the Describe answers of jobs, models and model
    /// packages, recorded whole by the engine when it ran them.
    /// </summary>
    public static Func<ApiRequest, CancellationToken, Task<string>> Stored<TRequest>(
        JsonTypeInfo<TRequest> requestType,
        Func<TRequest, CancellationToken, Task<string>> handle) =>
        (request, cancellationToken) => handle(request.Read(requestType), cancellationToken);

    /// <summary>
    /// A handler from a typed request to an answer that writes itself as JSON (an answer with pieces kept as UTF-8,
    /// such as ListPipelineExecutions' items). Through <see cref="IWrittenOperation"/> it goes out as UTF-8; the
    /// string, when a ClientRequestToken needs one, is the same JSON.
    /// </summary>
    public static Func<ApiRequest, CancellationToken, Task<string>> Written<TRequest, TAnswer>(
        JsonTypeInfo<TRequest> requestType,
        Func<TRequest, CancellationToken, Task<TAnswer>> handle,
        Action<Utf8JsonWriter, TAnswer> write) =>
        new SelfWritten<TRequest, TAnswer>(requestType, handle, write).AnswerAsync;

    /// <summary>An operation whose answer can be written as UTF-8 JSON, without a string of it.</summary>
    internal interface IWrittenOperation
    {
        /// <summary>Acts on the request.</summary>
        /// <param name="request">The request.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The answer, for <see cref="Write"/>.</returns>
        Task<object?> ActAsync(ApiRequest request, CancellationToken cancellationToken);

        /// <summary>Writes an answer of <see cref="ActAsync"/> as JSON.</summary>
        /// <param name="writer">Where it goes.</param>
        /// <param name="answer">The answer.</param>
        void Write(Utf8JsonWriter writer, object? answer);
    }

    private sealed class Typed<TRequest, TResponse>(
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<TRequest, CancellationToken, Task<TResponse>> handle) : IWrittenOperation
    {
        public async Task<string> AnswerAsync(ApiRequest request, CancellationToken cancellationToken) =>
            JsonSerializer.Serialize(await handle(request.Read(requestType), cancellationToken), responseType);

        public async Task<object?> ActAsync(ApiRequest request, CancellationToken cancellationToken) =>
            await handle(request.Read(requestType), cancellationToken);

        public void Write(Utf8JsonWriter writer, object? answer) => JsonSerializer.Serialize(writer, (TResponse)answer!, responseType);
    }

    private sealed class SelfWritten<TRequest, TAnswer>(
        JsonTypeInfo<TRequest> requestType,
        Func<TRequest, CancellationToken, Task<TAnswer>> handle,
        Action<Utf8JsonWriter, TAnswer> write) : IWrittenOperation
    {
        public async Task<string> AnswerAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            var answer = await handle(request.Read(requestType), cancellationToken);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                write(writer, answer);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        public async Task<object?> ActAsync(ApiRequest request, CancellationToken cancellationToken) =>
            await handle(request.Read(requestType), cancellationToken);

        public void Write(Utf8JsonWriter writer, object? answer) => write(writer, (TAnswer)answer!);
    }
}
