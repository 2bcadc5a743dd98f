using System.Collections.Concurrent;

namespace Sluice.Server.Api;

/// <summary>
/// ClientRequestToken idempotency for the operations that take one: a request repeated with the same token and the same
/// body gets the first answer again instead of acting twice (a retried StartPipelineExecution starts one execution);
/// the same token with another body is refused. Tokens are remembered for the server's lifetime, the most recent
/// <see cref="Capacity"/> of them.
/// </summary>
public sealed class IdempotencyCache
{
    /// <summary>How many tokens are remembered.</summary>
    public const int Capacity = 10_000;

    private static readonly HashSet<string> Operations = new(StringComparer.Ordinal)
    {
        "CreatePipeline", "DeletePipeline", "StartPipelineExecution", "StopPipelineExecution", "RetryPipelineExecution",
        "SendPipelineExecutionStepSuccess", "SendPipelineExecutionStepFailure",
    };

    private readonly ConcurrentDictionary<string, (string Body, string Response)> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>The remembered answer to a repeated request, if any.</summary>
    /// <exception cref="ApiException">When the token was used with a different request.</exception>
    public string? Find(string operation, ApiRequest request, string body)
    {
        if (Key(operation, request) is not { } key || !_answers.TryGetValue(key, out var answer))
        {
            return null;
        }

        return answer.Body == body
            ? answer.Response
            : throw new ApiException("ValidationException", $"ClientRequestToken was already used with a different {operation} request.");
    }

    /// <summary>Remembers the answer to a request that carried a token.</summary>
    public void Remember(string operation, ApiRequest request, string body, string response)
    {
        if (Key(operation, request) is not { } key || !_answers.TryAdd(key, (body, response)))
        {
            return;
        }

        _order.Enqueue(key);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _answers.TryRemove(oldest, out _);
        }
    }

    private static string? Key(string operation, ApiRequest request) =>
        Operations.Contains(operation) && request.Optional("ClientRequestToken", 128) is { } token ? operation + "\n" + token : null;
}
